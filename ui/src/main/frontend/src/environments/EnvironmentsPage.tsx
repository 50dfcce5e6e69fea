import { Anchor, Badge, Button, Group, Progress, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { useCompliance, useEnvironments, useTest } from '../api/queries';
import type { EnvironmentCompliance, EnvironmentView } from '../api/types';
import { RetiredBadge, StatusBadge } from '../format/badges';
import { fromNow, localTime, words } from '../format/format';
import { Time } from '../format/Time';
import { Empty, Failure, Loading } from '../layout/states';
import { progressOf } from '../drtest/progress';
import { useTestStream } from '../drtest/useTestStream';
import { useCan } from '../session/session';

/** Every environment, its DR readiness and evidence at a glance, and the live progress of a running test. */
export function EnvironmentsPage() {
  const environments = useEnvironments();
  const compliance = useCompliance();
  const byId = new Map((compliance.data?.environments ?? []).map((c) => [c.environmentId, c]));

  return (
    <Stack>
      <Title order={1}>Environments</Title>
      <Text c="dimmed" size="sm">
        Disaster recovery tests move an environment into its DR region with the same automated failover a real disaster would use.
      </Text>
      {environments.isPending ? (
        <Loading what="the environments" />
      ) : environments.isError ? (
        <Failure error={environments.error} what="the environments" />
      ) : environments.data.length === 0 ? (
        <Empty>No environments are registered yet.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label="Environments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Environment</Table.Th>
                <Table.Th scope="col">Regions</Table.Th>
                <Table.Th scope="col">DR status</Table.Th>
                <Table.Th scope="col">Last backup</Table.Th>
                <Table.Th scope="col">Last test</Table.Th>
                <Table.Th scope="col">Next test due</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {/* retired ones last: they stay for their history, but take no tests */}
              {[...environments.data].sort((a, b) => Number(a.retired) - Number(b.retired)).map((env) => (
                <EnvironmentRow key={env.id} env={env} compliance={byId.get(env.id ?? '')} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function EnvironmentRow({ env, compliance }: { env: EnvironmentView; compliance?: EnvironmentCompliance }) {
  const operator = useCan('OPERATOR');
  const startable = Boolean(!env.retired && env.drEnabled && env.available && !env.activeTestId && env.lastBackup);
  const lastTest = compliance?.lastTest;
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/environments/${env.id}`} fw={600}>
          {env.displayName}
        </Anchor>
        <Text size="xs" c="dimmed">
          {env.id} · {words(env.purpose)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{env.region}</Text>
        <Text size="xs" c="dimmed">
          DR: {env.drRegion || 'none'}
        </Text>
      </Table.Td>
      <Table.Td>
        {env.retired ? <RetiredBadge retiredAt={env.retiredAt} /> : env.activeTestId ? (
          <LiveProgress testId={env.activeTestId} />
        ) : !env.drEnabled ? (
          <Text size="sm" c="dimmed">DR not enabled</Text>
        ) : !env.available ? (
          <Badge color="red" variant="light" tt="none">Unavailable</Badge>
        ) : (
          <Badge color="green" variant="light" tt="none">Ready</Badge>
        )}
      </Table.Td>
      <Table.Td>
        {env.lastBackup ? (
          <>
            <Time value={env.lastBackup.takenAt} />
            <Text size="xs" c="dimmed">
              {fromNow(env.lastBackup.takenAt)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">No backup yet</Text>
        )}
      </Table.Td>
      <Table.Td>
        {lastTest ? (
          <Stack gap={2}>
            <Anchor component={Link} to={`/tests/${lastTest.testId}`} size="sm">
              {localTime(lastTest.startedAt)}
            </Anchor>
            <Group gap={4}>
              <StatusBadge value={lastTest.status} />
              {lastTest.status !== 'RUNNING' && <StatusBadge value={lastTest.result} />}
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">Never tested</Text>
        )}
      </Table.Td>
      <Table.Td>
        {env.retired || compliance?.retired ? (
          <Text size="sm" c="dimmed">None: retired</Text>
        ) : !compliance?.nextTestDue ? (
          <Text size="sm" c={compliance?.drEnabled ? 'red' : 'dimmed'}>
            {compliance?.drEnabled ? 'Due now: never tested' : '—'}
          </Text>
        ) : compliance.overdue ? (
          <Stack gap={2}>
            <Badge color="red" tt="none">Overdue</Badge>
            <Text size="xs">since <Time value={compliance.nextTestDue} /></Text>
          </Stack>
        ) : (
          <>
            <Time value={compliance.nextTestDue} />
            <Text size="xs" c="dimmed">{fromNow(compliance.nextTestDue)}</Text>
          </>
        )}
      </Table.Td>
      <Table.Td>
        {operator && startable && (
          <Button component={Link} to={`/environments/${env.id}/start`} size="xs" aria-label={`Start test of ${env.displayName}`}>
            Start test
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A running test's progress, live over its stream. */
export function LiveProgress({ testId }: { testId: string }) {
  const test = useTest(testId);
  useTestStream(testId, test.data?.status === 'RUNNING');
  if (!test.data) return <Text size="sm">Test running…</Text>;
  const { percent, done, total, current } = progressOf(test.data);
  return (
    <Anchor component={Link} to={`/tests/${testId}`} underline="never" c="inherit" aria-label={`Test ${words(test.data.status)}, ${done} of ${total} steps done`}>
      <Stack gap={4} miw={160}>
        <Group gap={6} justify="space-between">
          <StatusBadge value={test.data.status} />
          <Text size="xs">{done}/{total} steps</Text>
        </Group>
        <Progress value={percent} color={test.data.status === 'FAILED' ? 'red' : 'blue'} animated={test.data.status === 'RUNNING'} aria-hidden />
        {current && <Text size="xs" c="dimmed">{words(current.step)}</Text>}
      </Stack>
    </Anchor>
  );
}
