import { Tooltip } from '@mantine/core';
import { localTime, utcTime } from './format';

/** A moment in the viewer's time zone, with the UTC time on hover and for assistive technology. */
export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span>—</span>;
  return (
    <Tooltip label={utcTime(value)} openDelay={300}>
      <time dateTime={value}>
        {localTime(value)}
      </time>
    </Tooltip>
  );
}
