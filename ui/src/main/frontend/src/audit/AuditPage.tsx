import { useState } from 'react';
import { Alert, Anchor, Button, Card, Code, Group, Slider, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useAudit, useReport, useVerification } from '../api/queries';
import type { AuditEntry } from '../api/types';
import { StatusBadge } from '../format/badges';
import { words } from '../format/format';
import { Time } from '../format/Time';
import { Empty, Loaded, Loading } from '../layout/states';
import { ReportSummary } from '../report/ReportPage';

/** Event names as people read them: FailoverStepCompletedEvent → "Failover step completed". */
export function eventName(type: string): string {
  const plain = type.replace(/Event$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/**
 * A moment that holds the event at `timestamp` and nothing recorded a millisecond later: the trail shows times to
 * the millisecond, the store keeps them finer.
 */
function endOfMillisecond(timestamp: string): string {
  return timestamp.replace(/(\.\d{3})?Z$/, (_m, ms: string | undefined) => `${ms ?? '.000'}999999Z`);
}

/** A test's audit trail: every event with actor and time, a replay of the test as it stood, exports, verification. */
export function AuditPage() {
  const { testId = '' } = useParams();
  const audit = useAudit(testId);
  const [checked, setChecked] = useState(false);
  const verification = useVerification(testId, checked);
  return (
    <Loaded query={audit} what="the audit trail">
      {({ events }) => (
        <Stack>
          <Group justify="space-between" align="flex-end">
            <div>
              <Anchor component={Link} to={`/tests/${testId}`} size="sm">The test</Anchor>
              <Title order={1}>Audit trail</Title>
              <Text size="sm" c="dimmed">{events.length} events, in the order they were recorded, each with its actor and time.</Text>
            </div>
            <Group>
              <Button component="a" variant="default" href={`/api/dr-tests/${testId}/audit?format=jsonl`} download leftSection={<IconDownload size={16} aria-hidden />}>JSON lines</Button>
              <Button component="a" variant="default" href={`/api/dr-tests/${testId}/audit?format=csv`} download leftSection={<IconDownload size={16} aria-hidden />}>CSV</Button>
              <Button onClick={() => (checked ? verification.refetch() : setChecked(true))} loading={verification.isFetching}
                leftSection={<IconShieldCheck size={16} aria-hidden />}>Verify integrity</Button>
            </Group>
          </Group>
          {verification.data && (
            verification.data.intact ? (
              <Alert color="green" title="Intact" role="status">
                The hash chain over all {verification.data.events} events is unbroken: nothing recorded was changed.
              </Alert>
            ) : (
              <Alert color="red" title="Broken" role="alert">
                The chain breaks at event {verification.data.brokenAtSequence} ({verification.data.brokenAtType}): {verification.data.reason}
              </Alert>
            )
          )}
          {verification.isError && <Alert color="red" title="Could not verify">{verification.error.message}</Alert>}
          {events.length === 0 ? <Empty>No events.</Empty> : <Replay testId={testId} events={events} />}
        </Stack>
      )}
    </Loaded>
  );
}

function Replay({ testId, events }: { testId: string; events: AuditEntry[] }) {
  const [position, setPosition] = useState(events.length - 1);
  const at = events[Math.min(position, events.length - 1)];
  const report = useReport(testId, endOfMillisecond(at.timestamp));
  return (
    <>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">Replay</Title>
        <Text size="sm" c="dimmed" mb="md">Step through the trail: the test as it stood after each event, rebuilt from the event store.</Text>
        <Group align="center" wrap="nowrap">
          <Button variant="default" size="xs" onClick={() => setPosition((p) => Math.max(0, p - 1))} disabled={position === 0}>Previous event</Button>
          <Slider style={{ flex: 1 }} min={0} max={events.length - 1} step={1} value={position} onChange={setPosition}
            label={(i) => `${i + 1}: ${eventName(events[i].type)}`} thumbLabel="Event to replay to" />
          <Button variant="default" size="xs" onClick={() => setPosition((p) => Math.min(events.length - 1, p + 1))} disabled={position === events.length - 1}>Next event</Button>
        </Group>
        <Text mt="sm" size="sm" role="status" aria-live="polite">
          After event {position + 1} of {events.length}: <b>{eventName(at.type)}</b> by {at.actor}, <Time value={at.timestamp} />
        </Text>
        {report.isPending ? <Loading what="the test as it stood" /> : report.data ? (
          <Stack mt="sm" gap="xs">
            <ReportSummary report={report.data} />
            <Group gap={6}>
              {(report.data.steps ?? []).map((s) => (
                <Group key={s.step} gap={4}><Text size="xs">{words(s.step)}</Text><StatusBadge value={s.status} /></Group>
              ))}
            </Group>
          </Stack>
        ) : report.isError ? <Alert color="red" mt="sm">{report.error.message}</Alert> : null}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="md">Events</Title>
        <Timeline active={position} bulletSize={14} lineWidth={2}>
          {events.map((e, i) => (
            <Timeline.Item key={e.sequence} title={<Group gap="xs"><Text fw={600} size="sm">{i + 1}. {eventName(e.type)}</Text><Text size="xs" c="dimmed">by {e.actor}</Text></Group>}>
              <Text size="xs" c="dimmed"><Time value={e.timestamp} /></Text>
              <details>
                <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-xs)' }}>Payload and hash</summary>
                <Code block mt={4}>{JSON.stringify(e.payload, null, 2)}</Code>
                {e.hash && <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>hash {e.hash}</Text>}
              </details>
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
    </>
  );
}
