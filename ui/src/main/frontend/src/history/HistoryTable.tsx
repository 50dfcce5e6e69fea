import { useState } from 'react';
import { ActionIcon, Anchor, Group, Modal, Pagination, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconPencil } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type HistoryFilter, useHistory } from '../api/queries';
import type { DrTestSummary } from '../api/types';
import { StatusBadge } from '../format/badges';
import { isoDuration, words } from '../format/format';
import { Time } from '../format/Time';
import { Empty, Failure, Loading } from '../layout/states';
import { ReportEditor } from '../report/ReportEditor';
import { useCan } from '../session/session';

/** A page of the test history, newest first, each row with its report: the PDF, and its attributes to edit. */
export function HistoryTable({ filter, onPage, compact = false }: {
  filter: HistoryFilter;
  onPage?: (page: number) => void;
  compact?: boolean;
}) {
  const history = useHistory(filter);
  const [editing, setEditing] = useState<DrTestSummary | null>(null);
  const operator = useCan('OPERATOR');

  if (history.isPending) return <Loading what="the test history" />;
  if (history.isError) return <Failure error={history.error} what="the test history" />;
  const { items = [], total = 0 } = history.data;
  if (items.length === 0) return <Empty>No test matches.</Empty>;
  const pages = Math.max(1, Math.ceil(total / filter.size));

  return (
    <Stack>
      <Table.ScrollContainer minWidth={compact ? 700 : 960}>
        <Table striped highlightOnHover aria-label="Test history" aria-busy={history.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Started</Table.Th>
              {!compact && <Table.Th scope="col">Environment</Table.Th>}
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">RTO (automated / full)</Table.Th>
              <Table.Th scope="col">RPO</Table.Th>
              <Table.Th scope="col">Started by</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
              <Table.Th scope="col">Report</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((t) => (
              <Table.Tr key={t.testId}>
                <Table.Td>
                  <Anchor component={Link} to={`/tests/${t.testId}`} size="sm">
                    <Time value={t.startedAt} />
                  </Anchor>
                </Table.Td>
                {!compact && (
                  <Table.Td>
                    <Anchor component={Link} to={`/environments/${t.environmentId}`} size="sm">{t.environmentName}</Anchor>
                  </Table.Td>
                )}
                <Table.Td>
                  <StatusBadge value={t.status} />
                  {t.failedStep && <Text size="xs" c="red">at {words(t.failedStep)}</Text>}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{isoDuration(t.rto)} / {t.fullRto ? isoDuration(t.fullRto) : 'next steps open'}</Text>
                </Table.Td>
                <Table.Td><Text size="sm">{isoDuration(t.rpo)}</Text></Table.Td>
                <Table.Td><Text size="sm">{t.startedBy}</Text></Table.Td>
                <Table.Td><StatusBadge value={t.result} /></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label="Download the PDF report">
                      <ActionIcon component="a" href={`/api/dr-tests/${t.testId}/report.pdf`} download variant="subtle"
                        aria-label={`Download the PDF report of the test of ${localLabel(t)}`}>
                        <IconDownload size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    {operator && (
                      <Tooltip label="Edit the reason, result and observations">
                        <ActionIcon variant="subtle" onClick={() => setEditing(t)} aria-label={`Edit the report of the test of ${localLabel(t)}`}>
                          <IconPencil size={18} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    <Anchor component={Link} to={`/tests/${t.testId}/report`} size="sm">View</Anchor>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {onPage && pages > 1 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">{total} tests</Text>
          <Pagination total={pages} value={filter.page + 1} onChange={(p) => onPage(p - 1)}
            getControlProps={(control) => ({ 'aria-label': `${control} page` })} />
        </Group>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Edit the report" size="lg">
        {editing?.testId && <ReportEditor testId={editing.testId} onSaved={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function localLabel(t: DrTestSummary): string {
  return `${t.environmentName} started ${t.startedAt ? new Date(t.startedAt).toLocaleString() : ''}`;
}
