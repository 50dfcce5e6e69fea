import { useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { csrfHeaders, type Problem } from '../api/client';
import type { Session as SessionAnswer } from '../api/types';
import { SESSION_KEY, toSession } from './session';

/** Only paths of the dashboard itself are followed after sign-in, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : 'Enter your user name.'),
      password: (v) => (v ? null : 'Enter your password.'),
    },
  });

  async function signIn(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(new URL('/login', window.location.origin), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/x-www-form-urlencoded', ...csrfHeaders() },
        body: new URLSearchParams(values),
      });
      // asked for JSON, the sign-in answers with the new session (its CSRF token included) or a 401 problem
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        setError((answer as Problem).detail ?? `Signing in did not work (the server answered ${response.status}).`);
        return;
      }
      client.setQueryData(SESSION_KEY, toSession(answer as SessionAnswer));
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      navigate(safeNext(params.get('next')), { replace: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={400} maw="100%">
        <form onSubmit={form.onSubmit(signIn)} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">Rehearsal</Title>
              <Text c="dimmed" size="sm">Disaster-recovery tests and their evidence</Text>
            </div>
            {params.get('expired') && !error && (
              <Alert color="yellow" title="Your session has ended">Sign in again to continue where you were.</Alert>
            )}
            {params.get('signedOut') && !error && <Alert color="blue">You are signed out.</Alert>}
            {error && (
              <Alert color="red" title="Not signed in" role="alert">
                {error}
              </Alert>
            )}
            <TextInput label="User name" autoComplete="username" autoFocus required {...form.getInputProps('username')} />
            <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
