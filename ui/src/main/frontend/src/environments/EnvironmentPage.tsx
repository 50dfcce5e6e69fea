import { Alert, Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useEnvironment, useTrend } from '../api/queries';
import type { EnvironmentView } from '../api/types';
import { humanDuration, durationMillis, words } from '../format/format';
import { Time } from '../format/Time';
import { HistoryTable } from '../history/HistoryTable';
import { Loaded } from '../layout/states';
import { useCan } from '../session/session';
import { LiveProgress } from './EnvironmentsPage';
import { TrendChart } from './TrendChart';

export function EnvironmentPage() {
  const { envId = '' } = useParams();
  const environment = useEnvironment(envId);
  const trend = useTrend(envId);
  const operator = useCan('OPERATOR');
  const admin = useCan('ADMIN');
  return (
    <Loaded query={environment} what="the environment">
      {(env) => (
        <Stack>
          <Group justify="space-between" align="flex-start">
            <div>
              <Anchor component={Link} to="/" size="sm">Environments</Anchor>
              <Title order={1}>{env.displayName}</Title>
              <Text c="dimmed" size="sm">
                {env.id} · {words(env.purpose)} · runs in {env.region}, DR region {env.drRegion}
              </Text>
            </div>
            <Group gap="xs" align="flex-start">
              {admin && !env.retired && <Button component={Link} to={`/admin/environments/${env.id}/edit`} variant="default">Manage</Button>}
              {operator && <StartButton env={env} />}
            </Group>
          </Group>
          {env.retired && (
            <Alert color="gray" role="note" title="Retired">
              Retired <Time value={env.retiredAt} />. It takes no new tests and is no longer due for one; its tests stay in the
              history, the audit trail and compliance.
            </Alert>
          )}
          {env.activeTestId && (
            <Card withBorder>
              <Text fw={600} mb="xs">A test is running</Text>
              <LiveProgress testId={env.activeTestId} />
            </Card>
          )}
          {!env.available && !env.activeTestId && !env.retired && (
            <Alert color="red" role="note" title="Unavailable">
              The last test of this environment failed and it stays unavailable until an administrator resumes that test.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Configuration env={env} />
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">Targets and readiness</Title>
              <Table variant="vertical" layout="fixed" aria-label="Targets">
                <Table.Tbody>
                  <Row label="Recovery time objective (RTO)">{humanDuration(durationMillis(env.targets?.rto))}</Row>
                  <Row label="Recovery point objective (RPO)">{humanDuration(durationMillis(env.targets?.rpo))}</Row>
                  <Row label="Test interval">every {env.targets?.testIntervalDays} days</Row>
                  <Row label="Disaster recovery">{env.retired ? 'Retired' : env.drEnabled ? 'Enabled' : 'Not enabled'}</Row>
                  <Row label="Last backup">
                    {env.lastBackup ? <><Time value={env.lastBackup.takenAt} /> <Text span size="xs" c="dimmed">({env.lastBackup.backupId})</Text></> : 'none yet'}
                  </Row>
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">RTO and RPO trend</Title>
            <Loaded query={trend} what="the trend">{(t) => <TrendChart trend={t} />}</Loaded>
          </Card>
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">Test history</Title>
              <Anchor component={Link} to={`/history?environmentId=${encodeURIComponent(env.id ?? '')}`} size="sm">
                Filter the whole history
              </Anchor>
            </Group>
            <HistoryTable filter={{ environmentId: env.id, page: 0, size: 10 }} compact />
          </Card>
        </Stack>
      )}
    </Loaded>
  );
}

function StartButton({ env }: { env: EnvironmentView }) {
  const why = env.retired ? 'The environment is retired.'
    : !env.drEnabled ? 'DR is not enabled for this environment.'
    : env.activeTestId ? 'A test is already running.'
    : !env.available ? 'The environment is unavailable.'
    : !env.lastBackup ? 'There is no backup to restore yet.' : null;
  if (why) {
    return (
      <Stack gap={2} align="flex-end">
        <Button disabled>Start test</Button>
        <Text size="xs" c="dimmed">{why}</Text>
      </Stack>
    );
  }
  return <Button component={Link} to={`/environments/${env.id}/start`}>Start test</Button>;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="45%">{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function Configuration({ env }: { env: EnvironmentView }) {
  const c = env.configuration;
  const yes = (b?: boolean) => (b ? 'on' : 'off');
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">Configuration</Title>
      <Table variant="vertical" layout="fixed" aria-label="Configuration">
        <Table.Tbody>
          <Row label="Database">{c?.database?.engine} {c?.database?.engineVersion}, {c?.database?.instanceClass}, {c?.database?.storageGb} GB</Row>
          <Row label="Front-ends">{c?.frontEnds?.count} × {c?.frontEnds?.instanceType}, {c?.frontEnds?.storageGb} GB each</Row>
          <Row label="Network (VPC CIDR)">{c?.network?.vpcCidr}</Row>
          <Row label="Error monitoring (Sentry)">{yes(c?.kept?.errorMonitoring)}</Row>
          <Row label="HIPAA mode">{yes(c?.kept?.hipaaMode)}</Row>
          <Row label="Log separation">{yes(c?.kept?.logSeparation)}</Row>
          <Row label="WAF IP filtering rules">
            {c?.kept?.wafIpRules?.length ? (
              <Group gap={4}>{c.kept.wafIpRules.map((r) => <Badge key={r} variant="outline" tt="none">{r}</Badge>)}</Group>
            ) : 'none'}
          </Row>
          <Row label="External connections">
            {c?.kept?.externalConnections?.length ? (
              <List size="sm">
                {c.kept.externalConnections.map((x) => <List.Item key={x.name}>{x.name} ({x.engine}, {x.host})</List.Item>)}
              </List>
            ) : 'none'}
          </Row>
        </Table.Tbody>
      </Table>
    </Card>
  );
}
