import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, must } from '../api/client';
import { Loaded } from '../layout/states';
import { InventoryCard } from './inventory/InventoryCard';

/**
 * ADMIN only: the environments and the API tokens (pages of their own), the inventory file, the simulator's
 * injected faults and the rebuild of every view from the event store.
 */
export function AdminPage() {
  return (
    <Stack maw={900}>
      <Title order={1}>Administration</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs"><Anchor component={Link} to="/admin/environments">Manage environments</Anchor></Title>
          <Text size="sm" c="dimmed">Register environments, change their configuration, targets and DR, record backups, retire them.</Text>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs"><Anchor component={Link} to="/admin/tokens">API tokens</Anchor></Title>
          <Text size="sm" c="dimmed">Tokens for backup tools and pipelines, each with one role: create, list, revoke.</Text>
        </Card>
      </SimpleGrid>
      <InventoryCard />
      <Faults />
      <Rebuild />
    </Stack>
  );
}

function Faults() {
  const client = useQueryClient();
  const faults = useQuery({ queryKey: ['admin', 'faults'], queryFn: () => must(api.GET('/api/admin/simulator/faults')) });
  const [value, setValue] = useState('');
  useEffect(() => setValue(faults.data?.faults ?? ''), [faults.data?.faults]);
  const save = useMutation({
    mutationFn: (text: string) => must(api.PUT('/api/admin/simulator/faults', { body: { faults: text } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'faults'] }),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">Simulator faults</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Make steps of the simulated infrastructure misbehave, for demos and drills: <code>RESTORE_DATABASE=fail-2</code> fails twice then works,
        <code> VERIFY=fail-always</code> fails every attempt, <code>CREATE_DNS=hang</code> answers after the step's timeout,
        <code> RESTORE_DATABASE=drift</code> builds something other than the source (a parity finding), <code>RESTORE_DATABASE=hold</code> keeps
        the step open until the faults change. Empty clears them.
      </Text>
      <Loaded query={faults} what="the faults">
        {() => (
          <form onSubmit={(e) => { e.preventDefault(); save.mutate(value); }}>
            <Group align="flex-end">
              <TextInput label="Faults" value={value} onChange={(e) => setValue(e.currentTarget.value)} style={{ flex: 1 }}
                placeholder="none" error={save.isError ? save.error.message : undefined} />
              <Button type="submit" loading={save.isPending}>Apply</Button>
            </Group>
            {save.isSuccess && <Text size="sm" c="green" role="status" mt="xs">Applied.</Text>}
          </form>
        )}
      </Loaded>
    </Card>
  );
}

function Rebuild() {
  const client = useQueryClient();
  const rebuild = useMutation({
    mutationFn: () => must(api.POST('/api/admin/projections/rebuild')),
    onSuccess: () => client.invalidateQueries(),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">Rebuild the views</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Empty every view and replay the event store into it. Failover steps and mails are not replayed. Lists may be empty for a moment.
      </Text>
      <Button onClick={() => rebuild.mutate()} loading={rebuild.isPending} variant="default">Rebuild every view</Button>
      {rebuild.isSuccess && (
        <Alert color="green" mt="sm" role="status">Rebuilt {rebuild.data.processors?.length} views in {(rebuild.data.millis / 1000).toFixed(1)} s.</Alert>
      )}
      {rebuild.isError && <Alert color="red" mt="sm" role="alert">{rebuild.error.message}</Alert>}
    </Card>
  );
}
