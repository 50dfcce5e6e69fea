import { Anchor, Button, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, must } from '../api/client';
import { useEnvironments } from '../api/queries';
import { Time } from '../format/Time';
import { Empty, Loaded } from '../layout/states';
import { useFilterParams } from '../layout/useFilterParams';
import { eventName } from './AuditPage';

const SIZE = 50;

/** The system-wide trail, for AUDITOR and ADMIN: every event of every aggregate, by period and environment. */
export function SystemAuditPage() {
  const [params, set] = useFilterParams();
  const environments = useEnvironments();
  const page = Number(params.get('page') ?? 0) || 0;
  const environmentId = params.get('environmentId') ?? undefined;
  const fromLocal = params.get('from') ?? '';
  const toLocal = params.get('to') ?? '';
  const from = fromLocal ? new Date(fromLocal).toISOString() : undefined;
  const to = toLocal ? new Date(toLocal).toISOString() : undefined;
  const query = useQuery({
    queryKey: ['audit', environmentId, from, to, page],
    queryFn: () => must(
      api.GET('/api/audit', { params: { query: { environmentId, from, to, page, size: SIZE } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Title order={1}>System audit trail</Title>
      <Group align="flex-end" role="search" aria-label="Filter the audit trail">
        <Select label="Environment" placeholder="All" clearable value={environmentId ?? null} onChange={(v) => set('environmentId', v)}
          data={(environments.data ?? []).map((e) => ({ value: e.id ?? '', label: e.displayName ?? '' }))} w={220} />
        <TextInput type="datetime-local" label="From" value={fromLocal} onChange={(e) => set('from', e.currentTarget.value)} />
        <TextInput type="datetime-local" label="To" value={toLocal} onChange={(e) => set('to', e.currentTarget.value)} />
      </Group>
      <Loaded query={query} what="the audit trail">
        {(data) => data.items.length === 0 ? <Empty>No event in this period.</Empty> : (
          <Stack>
            <Table.ScrollContainer minWidth={860}>
              <Table striped aria-label="Audit trail">
                <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>Time</Table.Th><Table.Th>Event</Table.Th><Table.Th>Actor</Table.Th><Table.Th>Of</Table.Th><Table.Th>Payload</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.items.map((e) => (
                    <Table.Tr key={e.position}>
                      <Table.Td>{e.position}</Table.Td>
                      <Table.Td><Time value={e.timestamp} /></Table.Td>
                      <Table.Td>{eventName(e.type)}</Table.Td>
                      <Table.Td>{e.actor}</Table.Td>
                      <Table.Td>
                        {/^[0-9a-f-]{36}$/.test(e.aggregateId) ? <Anchor component={Link} to={`/tests/${e.aggregateId}/audit`} size="sm">test {e.aggregateId.slice(0, 8)}</Anchor> : <Text size="sm">{e.aggregateId}</Text>}
                      </Table.Td>
                      <Table.Td>
                        <details><summary style={{ cursor: 'pointer' }}>Show</summary><Code block>{JSON.stringify(e.payload, null, 2)}</Code></details>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Button variant="default" disabled={page === 0} onClick={() => set('page', String(page - 1))}>Previous page</Button>
              <Text size="sm">Page {page + 1}</Text>
              <Button variant="default" disabled={data.items.length < SIZE} onClick={() => set('page', String(page + 1))}>Next page</Button>
            </Group>
          </Stack>
        )}
      </Loaded>
    </Stack>
  );
}
