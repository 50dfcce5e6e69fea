import { Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { historyQuery, type HistoryFilter, useEnvironments } from '../api/queries';
import { dayStart, RESULTS, STATUSES, words } from '../format/format';
import { useFilterParams } from '../layout/useFilterParams';
import { HistoryTable } from './HistoryTable';

const PAGE_SIZE = 20;
/** The whole test history, filtered and paged; the filter lives in the address, so a view can be shared. */
export function HistoryPage() {
  const [params, set] = useFilterParams();
  const environments = useEnvironments();
  const fromDay = params.get('from') ?? '';
  const toDay = params.get('to') ?? '';
  const filter: HistoryFilter = {
    environmentId: params.get('environmentId') ?? undefined,
    status: params.get('status') ?? undefined,
    result: params.get('result') ?? undefined,
    from: dayStart(fromDay),
    to: dayStart(toDay, 1),
    page: Number(params.get('page') ?? 0) || 0,
    size: PAGE_SIZE,
  };
  const { page: _page, size: _size, ...exportFilter } = filter;
  const csv = `/api/dr-tests/export.csv?${new URLSearchParams(historyQuery(exportFilter))}`;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Test history</Title>
        <Button component="a" href={csv} download variant="default" leftSection={<IconFileSpreadsheet size={18} aria-hidden />}>
          Export as CSV
        </Button>
      </Group>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter the history">
        <Select label="Environment" placeholder="All" clearable searchable value={filter.environmentId ?? null}
          data={(environments.data ?? []).map((e) => ({ value: e.id ?? '', label: e.displayName ?? '' }))}
          onChange={(v) => set('environmentId', v)} w={220} />
        <Select label="Status" placeholder="All" clearable value={filter.status ?? null}
          data={STATUSES.map((s) => ({ value: s, label: words(s) }))} onChange={(v) => set('status', v)} w={160} />
        <Select label="Result" placeholder="All" clearable value={filter.result ?? null}
          data={RESULTS.map((s) => ({ value: s, label: words(s) }))} onChange={(v) => set('result', v)} w={210} />
        <TextInput type="date" label="Started from" value={fromDay} onChange={(e) => set('from', e.currentTarget.value)} w={170} />
        <TextInput type="date" label="Started until" value={toDay} onChange={(e) => set('to', e.currentTarget.value)} w={170}
          error={fromDay && toDay && toDay < fromDay ? 'Before the start of the period' : undefined} />
      </Group>
      <HistoryTable filter={filter} onPage={(p) => set('page', String(p))} />
    </Stack>
  );
}
