import { LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import type { Trend } from '../api/types';
import { durationMillis, humanDuration, localTime } from '../format/format';

const MINUTE = 60_000;

/** RTO and RPO of every test of an environment, oldest first, against the environment's targets. */
export function TrendChart({ trend, height = 260 }: { trend: Trend; height?: number }) {
  const points = (trend.points ?? []).filter((p) => p.status !== 'RUNNING');
  if (points.length === 0) {
    return <Text c="dimmed" size="sm">No finished test yet: the trend starts with the first one.</Text>;
  }
  const minutes = (iso?: string | null) => {
    const ms = durationMillis(iso);
    return ms == null ? null : Math.round((ms / MINUTE) * 100) / 100;
  };
  const data = points.map((p) => ({
    test: localTime(p.startedAt),
    'Automated RTO': minutes(p.automatedRto),
    'Full RTO': minutes(p.fullRto),
    RPO: minutes(p.rpo),
  }));
  const rtoTarget = minutes(trend.targets?.rto);
  const rpoTarget = minutes(trend.targets?.rpo);
  return (
    <figure style={{ margin: 0 }} aria-label="RTO and RPO of each test against the targets">
      <LineChart
        h={height}
        data={data}
        dataKey="test"
        withLegend
        connectNulls
        unit=" min"
        valueFormatter={(v) => humanDuration(v * MINUTE)}
        yAxisLabel="minutes"
        series={[
          { name: 'Automated RTO', color: 'blue.6' },
          { name: 'Full RTO', color: 'violet.6' },
          { name: 'RPO', color: 'teal.6' },
        ]}
        referenceLines={[
          ...(rtoTarget != null ? [{ y: rtoTarget, label: `RTO target ${humanDuration(rtoTarget * MINUTE)}`, color: 'red.6' }] : []),
          ...(rpoTarget != null ? [{ y: rpoTarget, label: `RPO target ${humanDuration(rpoTarget * MINUTE)}`, color: 'orange.6' }] : []),
        ]}
      />
      <figcaption>
        <Text size="xs" c="dimmed">
          Targets: RTO {humanDuration(durationMillis(trend.targets?.rto))}, RPO {humanDuration(durationMillis(trend.targets?.rpo))}.
        </Text>
      </figcaption>
    </figure>
  );
}
