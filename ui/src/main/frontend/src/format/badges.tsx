import { Badge, Stack, Text } from '@mantine/core';
import { words } from './format';
import { Time } from './Time';

const STATUS_COLORS: Record<string, string> = {
  RUNNING: 'blue', COMPLETED: 'green', FAILED: 'red', PENDING: 'gray',
  SUCCESSFUL: 'green', SUCCESSFUL_WITH_ISSUES: 'yellow', UNSUCCESSFUL: 'red', NOT_EVALUATED: 'gray',
  MET: 'green', MISSED: 'red', OPEN: 'gray', DONE: 'green', NOT_APPLICABLE: 'gray',
};

/** A status, verdict or state as a coloured badge that says it in words (colour is never the only signal). */
export function StatusBadge({ value, label }: { value: string | null | undefined; label?: string }) {
  if (!value) return <span>—</span>;
  return (
    <Badge color={STATUS_COLORS[value] ?? 'gray'} variant="light" radius="sm" tt="none">
      {label ?? words(value)}
    </Badge>
  );
}

/** A retired environment: it takes no new tests, and the date it was retired. */
export function RetiredBadge({ retiredAt }: { retiredAt: string | null | undefined }) {
  return (
    <Stack gap={2}>
      <Badge color="gray" variant="light" tt="none">Retired</Badge>
      {retiredAt && <Text size="xs">on <Time value={retiredAt} /></Text>}
    </Stack>
  );
}
