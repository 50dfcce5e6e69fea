import { useState } from 'react';
import {
  Alert, Anchor, Badge, Button, Card, Code, CopyButton, Group, Modal, Radio, Stack, Table, Text, TextInput, Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { localInstant, sentence, words } from '../../format/format';
import { Time } from '../../format/Time';
import { Empty, Loaded } from '../../layout/states';
import {
  stateOf, TOKEN_ROLES, useCreateToken, useRevokeToken, useTokens, type ApiToken, type CreatedToken, type TokenRole, type TokenState,
} from './tokensApi';

const ROLE_DESCRIPTIONS: Record<TokenRole, string> = {
  BACKUP_AGENT: 'Records backups and nothing else: for a backup tool that reports each backup as it finishes.',
  OPERATOR: 'Reads what an operator sees, starts DR tests, edits reports and next steps: for a pipeline that runs tests.',
  AUDITOR: 'Reads everything, the audit trails and exports too, and changes nothing: for collecting evidence.',
  ADMIN: 'Everything, environments, inventory and tokens included. Give it sparingly.',
};

const STATE_COLORS: Record<TokenState, string> = { ACTIVE: 'green', EXPIRED: 'yellow', REVOKED: 'gray' };

/** ADMIN: tokens for machines, each with one role; the secret is shown once, when it is created. */
export function TokensPage() {
  const tokens = useTokens();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  return (
    <Stack maw={1000}>
      <div>
        <Anchor component={Link} to="/admin" size="sm">Administration</Anchor>
        <Title order={1}>API tokens</Title>
        <Text c="dimmed" size="sm">
          Machines (backup tools, CI pipelines) call the API with a token instead of a person's password, sent as{' '}
          <Code>Authorization: Bearer …</Code>. Whatever a token does is recorded with its name as the actor.
        </Text>
      </div>
      <CreateToken />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">Tokens</Title>
        <Loaded query={tokens} what="the tokens">
          {(all) => all.length === 0 ? <Empty>No tokens yet.</Empty> : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped verticalSpacing="sm" aria-label="Tokens">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">Role</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Created</Table.Th>
                    <Table.Th scope="col">Expires</Table.Th>
                    <Table.Th scope="col">Last used</Table.Th>
                    <Table.Th scope="col">Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {all.map((t) => {
                    const state = stateOf(t);
                    return (
                      <Table.Tr key={t.name}>
                        <Table.Td><Text fw={600} size="sm">{t.name}</Text></Table.Td>
                        <Table.Td>{words(t.role)}</Table.Td>
                        <Table.Td>
                          <Badge color={STATE_COLORS[state]} variant="light" tt="none">{words(state)}</Badge>
                          {t.revokedAt && <Text size="xs">on <Time value={t.revokedAt} /></Text>}
                        </Table.Td>
                        <Table.Td>
                          <Time value={t.createdAt} />
                          {t.createdBy && <Text size="xs" c="dimmed">by {t.createdBy}</Text>}
                        </Table.Td>
                        <Table.Td>{t.expiresAt ? <Time value={t.expiresAt} /> : 'Never'}</Table.Td>
                        <Table.Td>{t.lastUsedAt ? <Time value={t.lastUsedAt} /> : 'Never'}</Table.Td>
                        <Table.Td>
                          {state !== 'REVOKED' && (
                            <Button size="xs" color="red" variant="outline" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                              Revoke
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Loaded>
      </Card>
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}

interface TokenValues {
  name: string;
  role: TokenRole | '';
  expiresAt: string;
}

const FIELDS: (keyof TokenValues)[] = ['name', 'role', 'expiresAt'];

function CreateToken() {
  const create = useCreateToken();
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useForm<TokenValues>({
    initialValues: { name: '', role: '', expiresAt: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the token: it is recorded as the actor of what it does.'),
      role: (v) => (v ? null : 'Choose the role the token acts with.'),
      expiresAt: (v) => (!v ? null : !localInstant(v) ? 'Enter a date and time, or leave it empty.'
        : new Date(v).getTime() <= Date.now() ? 'The expiry is in the past.' : null),
    },
  });

  function submit(values: TokenValues) {
    setRefusal(null);
    create.mutate(
      { name: values.name.trim(), role: values.role as TokenRole, ...(values.expiresAt ? { expiresAt: localInstant(values.expiresAt) } : {}) },
      {
        onSuccess: () => form.reset(),
        onError: (error) => {
          const problem = error instanceof ApiError ? error.problem : { detail: error.message, errors: [] };
          const placed = (problem.errors ?? []).filter((e) => FIELDS.includes(e.field as keyof TokenValues));
          placed.forEach((e) => form.setFieldError(e.field, sentence(e.message)));
          const rest = (problem.errors ?? []).filter((e) => !placed.includes(e));
          if (placed.length && !rest.length) return;
          // a name taken (409) is about the name
          if (error instanceof ApiError && error.status === 409) return form.setFieldError('name', problem.detail ?? error.message);
          setRefusal([problem.detail ?? error.message, ...rest.map((e) => `${e.field}: ${e.message}`)].join(' '));
        },
      },
    );
  }

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">Create a token</Title>
      <form noValidate aria-label="Create a token" onSubmit={form.onSubmit(submit)}>
        <Stack>
          <TextInput label="Name" withAsterisk autoComplete="off" description="Unique; the actor recorded for everything done with the token (e.g. backup-tool-prod)."
            {...form.getInputProps('name')} />
          <Radio.Group label="Role" withAsterisk description="A token has one role; choose the least it needs." {...form.getInputProps('role')}>
            <Stack gap="xs" mt="xs">
              {TOKEN_ROLES.map((r) => <Radio key={r} value={r} label={words(r)} description={ROLE_DESCRIPTIONS[r]} />)}
            </Stack>
          </Radio.Group>
          <TextInput type="datetime-local" label="Expires (optional)" w={280} description="In your time zone; empty for a token that does not expire."
            {...form.getInputProps('expiresAt')} />
          {refusal && <Alert color="red" title="Not created" role="alert">{refusal}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>Create the token</Button>
          </Group>
        </Stack>
      </form>
      <SecretDialog created={create.data ?? null} onClose={() => create.reset()} />
    </Card>
  );
}

/** The secret, once: closing the dialog forgets it (the mutation's answer is reset), and nothing can show it again. */
function SecretDialog({ created, onClose }: { created: CreatedToken | null; onClose: () => void }) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="Token created" size="lg" closeOnClickOutside={false}>
      {created && (
        <Stack>
          <Alert color="yellow" title="Copy the token now: it will not be shown again" role="alert">
            Rehearsal keeps only a hash of it. Store it where the machine reads it from; if it is lost, revoke it and create another.
          </Alert>
          <TextInput label={`Token ${created.name} (${words(created.role)})`} value={created.token} readOnly data-autofocus
            onFocus={(e) => e.currentTarget.select()}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            rightSectionWidth={90}
            rightSection={
              <CopyButton value={created.token}>
                {({ copied, copy }) => <Button size="compact-sm" variant={copied ? 'filled' : 'light'} color={copied ? 'green' : undefined} onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
              </CopyButton>
            } />
          <Text size="sm">
            {created.expiresAt ? <>It expires <Time value={created.expiresAt} />.</> : 'It does not expire; revoke it when it is no longer needed.'}{' '}
            Send it as <Code>Authorization: Bearer {'<token>'}</Code>.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>I have copied it</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const revoke = useRevokeToken();
  const close = () => { if (!revoke.isPending) { revoke.reset(); onClose(); } };
  return (
    <Modal opened={token !== null} onClose={close} title={`Revoke ${token?.name ?? ''}?`}>
      {token && (
        <Stack>
          <Text size="sm">
            Every request with this token is refused from now on (<Code>401</Code>); whatever uses it stops working. A revoked token
            cannot be restored: create a new one to replace it. It stays in the list and the audit trail.
          </Text>
          {revoke.isError && <Alert color="red" title="Not revoked" role="alert">{revoke.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={revoke.isPending} data-autofocus>Cancel</Button>
            <Button color="red" loading={revoke.isPending}
              onClick={() => revoke.mutate(token.name, { onSuccess: () => { revoke.reset(); onClose(); } })}>
              Revoke the token
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
