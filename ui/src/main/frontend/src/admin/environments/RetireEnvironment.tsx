import { useState } from 'react';
import { Alert, Button, Card, Group, List, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../../api/client';
import { keys } from '../../api/queries';
import type { EnvironmentView } from '../../api/types';

/** ADMIN: the end of an environment's life, after a dialog that says what it means and asks for its id typed exactly. */
export function RetireEnvironment({ env }: { env: EnvironmentView }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const exact = typed === env.id;
  const retire = useMutation({
    mutationFn: () => must<EnvironmentView>(api.POST('/api/environments/{envId}/retire', { params: { path: { envId: env.id } } })),
    onSuccess: async (retired) => {
      setOpen(false);
      client.setQueryData(keys.environment(env.id), retired);
      await client.invalidateQueries({ queryKey: keys.environments, exact: true });
      await client.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
  const close = () => { if (!retire.isPending) setOpen(false); };
  return (
    <Card withBorder id="retire">
      <Title order={2} size="h4" mb="xs">Retire the environment</Title>
      <Text size="sm" c="dimmed" mb="sm">For an environment that no longer exists. Retirement cannot be undone.</Text>
      <Button color="red" variant="outline" onClick={() => { setTyped(''); retire.reset(); setOpen(true); }}>Retire {env.displayName}…</Button>

      <Modal opened={open} onClose={close} title={`Retire ${env.displayName}?`} size="lg">
        <form onSubmit={(e) => { e.preventDefault(); if (exact) retire.mutate(); }}>
          <Stack>
            <Text>Once retired, {env.displayName}:</Text>
            <List size="sm" spacing={4}>
              <List.Item>takes no new DR tests, backups or changes, and cannot be brought back;</List.Item>
              <List.Item>is no longer due for tests, so compliance shows it as retired, never as overdue;</List.Item>
              <List.Item>stays in the test history, the audit trail and the compliance reports, with every report it has;</List.Item>
              <List.Item>keeps its id: no new environment can be registered as <code>{env.id}</code>.</List.Item>
            </List>
            {env.activeTestId && <Alert color="yellow" role="note">A test is running: the retirement is refused until it ends.</Alert>}
            <TextInput label={`Type the environment's id, ${env.id}, to confirm`} value={typed} autoComplete="off" data-autofocus
              onChange={(e) => setTyped(e.currentTarget.value)}
              error={typed && !exact && !env.id.startsWith(typed) ? 'The id does not match (it must be typed exactly).' : undefined} />
            {retire.isError && <Alert color="red" title="Not retired" role="alert">{retire.error.message}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={retire.isPending}>Cancel</Button>
              <Button type="submit" color="red" disabled={!exact} loading={retire.isPending}>Retire the environment</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
