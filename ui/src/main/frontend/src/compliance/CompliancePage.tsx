import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useCompliance, useEnvironments, useTrend } from '../api/queries';
import type { EnvironmentCompliance } from '../api/types';
import { StatusBadge } from '../format/badges';
import { dayStart, fromNow, RESULTS, STATUSES, words } from '../format/format';
import { Time } from '../format/Time';
import { Loaded } from '../layout/states';
import { TrendChart } from '../environments/TrendChart';

/** Overdue environments first, when each is due next, the tests of a period by status and verdict, a trend. */
export function CompliancePage() {
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const compliance = useCompliance(dayStart(fromDay), dayStart(toDay, 1));
  return (
    <Stack>
      <Title order={1}>Compliance</Title>
      <Loaded query={compliance} what="the compliance report">
        {(report) => {
          const envs = [...(report.environments ?? [])].sort(byUrgency);
          return (
            <Stack>
              <Card withBorder>
                <Title order={2} size="h4" mb="sm">Test schedule</Title>
                <Table.ScrollContainer minWidth={720}>
                  <Table aria-label="Test schedule">
                    <Table.Thead><Table.Tr><Table.Th>Environment</Table.Th><Table.Th>Last test</Table.Th><Table.Th>Verdict</Table.Th><Table.Th>Next test due</Table.Th><Table.Th>Interval</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>
                      {envs.map((e) => (
                        <Table.Tr key={e.environmentId}>
                          <Table.Td><Anchor component={Link} to={`/environments/${e.environmentId}`}>{e.environmentName}</Anchor></Table.Td>
                          <Table.Td>{e.lastTest ? <Anchor component={Link} to={`/tests/${e.lastTest.testId}`} size="sm"><Time value={e.lastTest.startedAt} /></Anchor> : <Text size="sm" c="dimmed">never</Text>}</Table.Td>
                          <Table.Td>{e.lastTest ? <Group gap={4}><StatusBadge value={e.lastTest.status} /><StatusBadge value={e.lastTest.result} /></Group> : '—'}</Table.Td>
                          <Table.Td>
                            {e.retired ? <Badge color="gray" variant="light" tt="none">Retired</Badge>
                              : !e.drEnabled ? <Text size="sm" c="dimmed">DR not enabled</Text>
                              : e.overdue || !e.nextTestDue ? <Group gap={6}><Badge color="red" tt="none">Overdue</Badge>{e.nextTestDue && <Text size="xs"><Time value={e.nextTestDue} /></Text>}</Group>
                              : <><Time value={e.nextTestDue} /> <Text span size="xs" c="dimmed">({fromNow(e.nextTestDue)})</Text></>}
                          </Table.Td>
                          <Table.Td>{e.retired ? '—' : `every ${e.testIntervalDays} days`}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Card>
              <Card withBorder>
                <Group justify="space-between" align="flex-end" mb="sm">
                  <Title order={2} size="h4">Tests of the period</Title>
                  <Group>
                    <TextInput type="date" label="From" value={fromDay} onChange={(e) => setFromDay(e.currentTarget.value)} />
                    <TextInput type="date" label="Until" value={toDay} onChange={(e) => setToDay(e.currentTarget.value)} />
                  </Group>
                </Group>
                <Text size="sm" c="dimmed" mb="sm"><Time value={report.from} /> to <Time value={report.to} /></Text>
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  <Counts title="By status" keys={STATUSES} counts={report.testsByStatus ?? {}} />
                  <Counts title="By verdict" keys={RESULTS} counts={report.testsByResult ?? {}} />
                </SimpleGrid>
              </Card>
              <TrendCard />
            </Stack>
          );
        }}
      </Loaded>
    </Stack>
  );
}

/** Overdue and never-tested environments first, then by the date they are due; DR-less ones, then retired ones last. */
function byUrgency(a: EnvironmentCompliance, b: EnvironmentCompliance): number {
  const rank = (e: EnvironmentCompliance) => (e.retired ? 3 : !e.drEnabled ? 2 : e.overdue || !e.nextTestDue ? 0 : 1);
  return rank(a) - rank(b) || (a.nextTestDue ?? '').localeCompare(b.nextTestDue ?? '');
}

function Counts({ title, keys, counts }: { title: string; keys: string[]; counts: Record<string, number> }) {
  const data = keys.map((k) => ({ name: words(k), tests: counts[k] ?? 0 }));
  return (
    <div>
      <Text fw={600} size="sm" mb="xs">{title}</Text>
      <BarChart h={180} data={data} dataKey="name" series={[{ name: 'tests', color: 'blue.6', label: 'Tests' }]} tickLine="y"
        yAxisProps={{ allowDecimals: false }} />
      <Text size="xs" c="dimmed">{data.map((d) => `${d.name}: ${d.tests}`).join(' · ')}</Text>
    </div>
  );
}

function TrendCard() {
  const environments = useEnvironments();
  const [envId, setEnvId] = useState<string | null>(null);
  const chosen = envId ?? environments.data?.[0]?.id ?? null;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">RTO and RPO trend</Title>
        <Select label="Environment" value={chosen} onChange={setEnvId} allowDeselect={false}
          data={(environments.data ?? []).map((e) => ({ value: e.id ?? '', label: e.displayName ?? '' }))} w={240} />
      </Group>
      {chosen && <EnvTrend envId={chosen} />}
    </Card>
  );
}

function EnvTrend({ envId }: { envId: string }) {
  const trend = useTrend(envId);
  return <Loaded query={trend} what="the trend">{(t) => <TrendChart trend={t} />}</Loaded>;
}
