import { Alert, Anchor, Badge, Button, Card, Code, Group, Progress, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconCheck, IconLoader2, IconX, IconClock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, must } from '../api/client';
import { keys, showsVersion, useNextSteps, useReport, useTest } from '../api/queries';
import type { DrTestView, StepView } from '../api/types';
import { StatusBadge } from '../format/badges';
import { durationMillis, humanDuration, isoDuration, words } from '../format/format';
import { Time } from '../format/Time';
import { Loaded, Loading } from '../layout/states';
import { useCan } from '../session/session';
import { NextStepsTable } from './NextSteps';
import { elapsed, progressOf } from './progress';
import { useNow } from './useNow';
import { type StreamState, useTestStream } from './useTestStream';

/** One test, live: its steps as they run, the elapsed time against the RTO, then its verdicts and next steps. */
export function TestPage() {
  const { testId = '' } = useParams();
  const test = useTest(testId);
  const running = test.data?.status === 'RUNNING';
  const stream = useTestStream(testId, running);
  return (
    <Loaded query={test} what="the test">
      {(t) => <TestView test={t} stream={stream} />}
    </Loaded>
  );
}

export function TestView({ test, stream }: { test: DrTestView; stream: StreamState }) {
  const running = test.status === 'RUNNING';
  const now = useNow(running);
  const { percent, done, total } = progressOf(test);
  const spent = elapsed(test.startedAt, test.endedAt, now);
  const target = durationMillis(test.targets?.rto);
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to={`/environments/${test.environmentId}`} size="sm">{test.environmentName}</Anchor>
          <Title order={1}>DR test</Title>
          <Text size="sm" c="dimmed">
            Started <Time value={test.startedAt} /> by {test.startedBy} · {test.sourceRegion} → {test.drRegion}
          </Text>
          {test.reason && <Text size="sm">Reason: {test.reason}</Text>}
        </div>
        <Group>
          <StatusBadge value={test.status} />
          <ConnectionBadge state={stream} running={running} />
        </Group>
      </Group>

      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Progress</Text>
            <Text fw={600} data-testid="steps-done">{done} of {total} steps</Text>
            <Progress value={percent} color={test.status === 'FAILED' ? 'red' : test.status === 'COMPLETED' ? 'green' : 'blue'}
              animated={running} aria-label={`${done} of ${total} steps done`} mt={4} />
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{running ? 'Elapsed' : 'Automated RTO'}</Text>
            <Text fw={600} data-testid="elapsed">{humanDuration(spent)}</Text>
            {target != null && spent != null && (
              <>
                <Progress value={Math.min(100, (spent / target) * 100)} color={spent > target ? 'red' : 'teal'} mt={4}
                  aria-label={`Elapsed against the RTO target of ${humanDuration(target)}`} />
                <Text size="xs" c="dimmed">RTO target {humanDuration(target)}</Text>
              </>
            )}
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Data-loss window (RPO)</Text>
            <Text fw={600}>{isoDuration(test.rpo)}</Text>
            <Text size="xs" c="dimmed">backup {test.backup?.backupId}, <Time value={test.backup?.takenAt} /></Text>
          </div>
        </SimpleGrid>
      </Card>

      {test.status === 'FAILED' && <FailedNotice test={test} />}
      {test.status === 'COMPLETED' && <Completed testId={test.testId ?? ''} version={test.version} />}

      <Card withBorder>
        <Title order={2} size="h4" mb="md">Failover steps</Title>
        <Timeline active={Math.max(0, done - 1)} bulletSize={26} lineWidth={2} aria-label="Failover steps">
          {(test.steps ?? []).map((s) => <Timeline.Item key={s.step} bullet={<StepIcon step={s} />} title={<StepTitle step={s} />}><StepDetails step={s} now={now} /></Timeline.Item>)}
        </Timeline>
      </Card>
      <Group>
        <Anchor component={Link} to={`/tests/${test.testId}/report`}>Report of this test</Anchor>
        <Anchor component={Link} to={`/tests/${test.testId}/audit`}>Audit trail of this test</Anchor>
      </Group>
    </Stack>
  );
}

function ConnectionBadge({ state, running }: { state: StreamState; running: boolean }) {
  if (!running) return null;
  const label = state === 'live' ? 'Live' : state === 'reconnecting' ? 'Reconnecting…' : 'Connecting…';
  return (
    <Badge variant="dot" color={state === 'live' ? 'green' : 'orange'} tt="none" role="status" aria-live="polite">
      {label}
    </Badge>
  );
}

function StepIcon({ step }: { step: StepView }) {
  switch (step.status) {
    case 'COMPLETED': return <IconCheck size={14} aria-hidden />;
    case 'FAILED': return <IconX size={14} aria-hidden />;
    case 'RUNNING': return <IconLoader2 size={14} aria-hidden />;
    default: return <IconClock size={14} aria-hidden />;
  }
}

function StepTitle({ step }: { step: StepView }) {
  return (
    <Group gap="xs">
      <Text fw={600} size="sm">{words(step.step)}</Text>
      <StatusBadge value={step.status} />
    </Group>
  );
}

function StepDetails({ step, now }: { step: StepView; now: number }) {
  if (step.status === 'PENDING') return <Text size="xs" c="dimmed">Waits for the step before it.</Text>;
  const facts = Object.entries(step.facts ?? {});
  return (
    <Stack gap={2} data-testid={`step-${step.step}`}>
      <Text size="xs" c="dimmed">
        Started <Time value={step.startedAt} /> · {step.status === 'RUNNING' ? 'running for ' : 'took '}
        <span data-testid={`duration-${step.step}`}>{humanDuration(elapsed(step.startedAt, step.endedAt, now))}</span>
        {(step.attempt ?? 0) > 1 && <> · attempt {step.attempt}</>}
      </Text>
      {step.failureReason && <Text size="sm" c="red">{step.failureReason}</Text>}
      {facts.length > 0 && (
        <Group gap={6}>
          {facts.map(([k, v]) => <Code key={k}>{k}: {fact(v)}</Code>)}
        </Group>
      )}
    </Stack>
  );
}

/** A fact as a step reported it; a list of records (the parity table) is in the report, here only counted. */
function fact(value: unknown): string {
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) return `${value.length} entries (see the report)`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function FailedNotice({ test }: { test: DrTestView }) {
  const admin = useCan('ADMIN');
  const client = useQueryClient();
  const resume = useMutation({
    mutationFn: () => must(api.POST('/api/dr-tests/{testId}/resume', { params: { path: { testId: test.testId ?? '' } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.test(test.testId ?? '') }),
  });
  return (
    <Alert color="red" title={`Failed at: ${words(test.failedStep)}`} role="alert">
      <Stack gap="xs">
        <Text size="sm">{test.failureReason}</Text>
        <Text size="sm">The environment stays unavailable until the test is resumed and completes.</Text>
        {admin && (
          <Group>
            <Button color="red" onClick={() => resume.mutate()} loading={resume.isPending}>Resume from {words(test.failedStep)}</Button>
            {resume.isError && <Text size="sm" c="red">{resume.error.message}</Text>}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * The verdicts and next steps of a completed test, once their views show its completion: the version the page
 * first saw it completed in. Later versions (a step closed) are not waited for: what is shown stays while it is
 * read again.
 */
function Completed({ testId, version: seen }: { testId: string; version?: number }) {
  const [version] = useState(seen);
  const report = useReport(testId, undefined, version);
  const nextSteps = useNextSteps(testId, version);
  return (
    <>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">Verdicts</Title>
        {showsVersion(report.data, version) ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Verdict label="Automated RTO" value={report.data.automatedRto} target={report.data.targets?.rto} verdict={report.data.automatedRtoVerdict} />
            <Verdict label="Full RTO" value={report.data.fullRto} target={report.data.targets?.rto} verdict={report.data.fullRtoVerdict} />
            <Verdict label="RPO" value={report.data.rpo} target={report.data.targets?.rpo} verdict={report.data.rpoVerdict} />
          </SimpleGrid>
        ) : <Loading what="the verdicts" />}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">Mandatory next steps</Title>
        <Text size="sm" c="dimmed" mb="sm">Close every one: the environment is fully restored when the last is done or not applicable.</Text>
        <Loaded query={nextSteps} what="the next steps">
          {(n) => !showsVersion(n, version) ? <Loading what="the next steps" /> : (
            <Stack>
              {n.fullyRestoredAt && (
                <Alert color="green" role="status" title="Fully restored">
                  Every next step is closed since <Time value={n.fullyRestoredAt} />: full RTO {isoDuration(n.fullRto)}.
                </Alert>
              )}
              <NextStepsTable steps={n.nextSteps ?? []} testId={testId} />
            </Stack>
          )}
        </Loaded>
      </Card>
    </>
  );
}

function Verdict({ label, value, target, verdict }: { label: string; value?: string; target?: string; verdict?: string }) {
  return (
    <div data-testid={`verdict-${label}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Group gap="xs">
        <Text fw={600}>{value ? isoDuration(value) : 'not yet'}</Text>
        <StatusBadge value={verdict} label={verdict === 'PENDING' ? 'Pending' : verdict === 'MET' ? 'Target met' : verdict === 'MISSED' ? 'Target missed' : undefined} />
      </Group>
      <Text size="xs" c="dimmed">target {isoDuration(target)}</Text>
    </div>
  );
}
