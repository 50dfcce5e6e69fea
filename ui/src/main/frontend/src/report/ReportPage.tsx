import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useReport } from '../api/queries';
import type { DrTestReport } from '../api/types';
import { StatusBadge } from '../format/badges';
import { isoDuration, words } from '../format/format';
import { Time } from '../format/Time';
import { Empty, Loaded } from '../layout/states';
import { useCan } from '../session/session';
import { NextStepsTable } from '../drtest/NextSteps';
import { ReportEditor } from './ReportEditor';

/** The whole report of a test, its editable attributes, their edit history, and the report as of a past moment. */
export function ReportPage() {
  const { testId = '' } = useParams();
  const [asOfLocal, setAsOfLocal] = useState('');
  const asOf = asOfLocal ? new Date(asOfLocal).toISOString() : undefined;
  const report = useReport(testId, asOf);
  const operator = useCan('OPERATOR');
  const pdf = `/api/dr-tests/${testId}/report.pdf${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`;

  return (
    <Loaded query={report} what="the report">
      {(r) => (
        <Stack>
          <Group justify="space-between" align="flex-end">
            <div>
              <Anchor component={Link} to={`/tests/${testId}`} size="sm">Test of {r.environmentName}</Anchor>
              <Title order={1}>Report</Title>
              <Text size="sm" c="dimmed">Test {r.testId}</Text>
            </div>
            <Group align="flex-end">
              <TextInput type="datetime-local" step={1} label="As of" description="Empty: as it stands now"
                value={asOfLocal} onChange={(e) => setAsOfLocal(e.currentTarget.value)} />
              {asOfLocal && <Button variant="subtle" onClick={() => setAsOfLocal('')}>Now</Button>}
              <Button component="a" href={pdf} download leftSection={<IconDownload size={18} aria-hidden />}>Download PDF</Button>
            </Group>
          </Group>
          {asOf && (
            <Alert color="blue" role="note" title="A past state">
              The report as it stood at <Time value={r.asOf ?? asOf} />, rebuilt from the event store. Editing is off while looking back.
            </Alert>
          )}
          <ReportSummary report={r} />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">Reason, result and observations</Title>
              {operator && !asOf ? <ReportEditor testId={testId} /> : <Attributes report={r} />}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">Edit history</Title>
              <EditHistory report={r} />
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">Steps</Title>
            <Table.ScrollContainer minWidth={640}>
              <Table aria-label="Steps">
                <Table.Thead>
                  <Table.Tr><Table.Th>Step</Table.Th><Table.Th>Status</Table.Th><Table.Th>Started</Table.Th><Table.Th>Ended</Table.Th><Table.Th>Attempts</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(r.steps ?? []).map((s) => (
                    <Table.Tr key={s.step}>
                      <Table.Td>{words(s.step)}{s.failureReason && <Text size="xs" c="red">{s.failureReason}</Text>}</Table.Td>
                      <Table.Td><StatusBadge value={s.status} /></Table.Td>
                      <Table.Td><Time value={s.startedAt} /></Table.Td>
                      <Table.Td><Time value={s.endedAt} /></Table.Td>
                      <Table.Td>{s.attempt}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">Configuration parity (source and new)</Title>
            {(r.parity ?? []).length === 0 ? <Empty>Parity is checked by the verification step; it has not run.</Empty> : (
              <>
              <ParityFindings parity={r.parity ?? []} />
              <Table.ScrollContainer minWidth={560}>
                <Table aria-label="Configuration parity">
                  <Table.Thead><Table.Tr><Table.Th>Item</Table.Th><Table.Th>Source</Table.Th><Table.Th>New</Table.Th><Table.Th>Match</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {(r.parity ?? []).map((p) => (
                      <Table.Tr key={p.item}>
                        <Table.Td>{p.item}</Table.Td><Table.Td>{p.source}</Table.Td><Table.Td>{p.target}</Table.Td>
                        <Table.Td>{p.match ? <Badge color="green" variant="light" tt="none">Same</Badge> : <Badge color="red" tt="none">Differs</Badge>}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              </>
            )}
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">Next steps</Title>
            {(r.nextSteps ?? []).length === 0 ? <Empty>Next steps exist once the test has completed.</Empty> : <NextStepsTable steps={r.nextSteps ?? []} />}
          </Card>
        </Stack>
      )}
    </Loaded>
  );
}

export function ReportSummary({ report: r }: { report: DrTestReport }) {
  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        <Fact label="Status"><StatusBadge value={r.status} /></Fact>
        <Fact label="Started"><Time value={r.startedAt} /><Text size="xs" c="dimmed">by {r.startedBy}</Text></Fact>
        <Fact label="Ended"><Time value={r.endedAt} /></Fact>
        <Fact label="Automated RTO">{isoDuration(r.automatedRto)} <StatusBadge value={r.automatedRtoVerdict} /><Text size="xs" c="dimmed">target {isoDuration(r.targets?.rto)}</Text></Fact>
        <Fact label="Full RTO">{r.fullRto ? isoDuration(r.fullRto) : '—'} <StatusBadge value={r.fullRtoVerdict} /><Text size="xs" c="dimmed">when every next step is closed</Text></Fact>
        <Fact label="RPO (data-loss window)">{isoDuration(r.rpo)} <StatusBadge value={r.rpoVerdict} /><Text size="xs" c="dimmed">target {isoDuration(r.targets?.rpo)}</Text></Fact>
        <Fact label="Regions">{r.sourceRegion} → {r.drRegion}</Fact>
        <Fact label="Backup restored">{r.backup?.backupId}<Text size="xs"><Time value={r.backup?.takenAt} /></Text></Fact>
        <Fact label="Result (customer's verdict)"><StatusBadge value={r.result} /></Fact>
        {r.failedStep && <Fact label="Failed at">{words(r.failedStep)}<Text size="xs" c="red">{r.failureReason}</Text></Fact>}
      </SimpleGrid>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <div>{children}</div>
    </div>
  );
}

function Attributes({ report }: { report: DrTestReport }) {
  return (
    <Stack gap="xs">
      <Fact label="Test reason"><Text style={{ whiteSpace: 'pre-wrap' }}>{report.reason || '—'}</Text></Fact>
      <Fact label="Result"><StatusBadge value={report.result} /></Fact>
      <Fact label="Additional observations"><Text style={{ whiteSpace: 'pre-wrap' }}>{report.observations || '—'}</Text></Fact>
    </Stack>
  );
}

function EditHistory({ report }: { report: DrTestReport }) {
  const edits = report.edits ?? [];
  if (edits.length === 0) return <Empty>Not edited yet.</Empty>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label="Edit history">
        <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Who</Table.Th><Table.Th>What</Table.Th><Table.Th>From</Table.Th><Table.Th>To</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {[...edits].reverse().flatMap((e, i) => (e.changes ?? []).map((c, j) => (
            <Table.Tr key={`${i}-${j}`}>
              <Table.Td>{j === 0 && <Time value={e.at} />}</Table.Td>
              <Table.Td>{j === 0 && e.by}</Table.Td>
              <Table.Td>{words(c.attribute?.toUpperCase())}</Table.Td>
              <Table.Td><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.attribute === 'result' ? words(c.from) : c.from || '—'}</Text></Table.Td>
              <Table.Td><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.attribute === 'result' ? words(c.to) : c.to || '—'}</Text></Table.Td>
            </Table.Tr>
          )))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Rehearsal's own parity check, summed up: each item that differs from the source is a finding. */
function ParityFindings({ parity }: { parity: NonNullable<DrTestReport['parity']> }) {
  const findings = parity.filter((p) => !p.match);
  return findings.length === 0
    ? <Text size="sm" mb="sm">No findings: every item matches the source.</Text>
    : (
      <Alert color="red" role="status" mb="sm" title={`${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}`}>
        Differs from the source: {findings.map((f) => f.item).join(', ')}.
      </Alert>
    );
}
