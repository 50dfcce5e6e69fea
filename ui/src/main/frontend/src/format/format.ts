import { parse as parseIsoDuration } from 'iso8601-duration';
import type { DurationFormat as DurationFormatPonyfill } from '@formatjs/intl-durationformat';

// browsers with Intl.DurationFormat (Chromium, Safari, Firefox) use their own; elsewhere the ponyfill is loaded
const DurationFormat: typeof DurationFormatPonyfill =
  (Intl as unknown as { DurationFormat?: typeof DurationFormatPonyfill }).DurationFormat
  ?? (await import('@formatjs/intl-durationformat')).DurationFormat;

/**
 * How the dashboard says times, durations and the API's enum values to people. Dates and durations go through
 * Intl (the viewer's locale and time zone); the only parsing here is of the API's ISO-8601 durations.
 */
const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';

const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
const utc = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
const durations = new DurationFormat(locale, { style: 'short' });

export function localTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function utcTime(iso: string | null | undefined): string {
  return iso ? utc.format(new Date(iso)) : '';
}

/** "3 hours ago", "in 2 days": the age of a backup, how soon a test is due. */
export function fromNow(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000], ['month', 2_592_000], ['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1],
  ];
  const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
  return relative.format(Math.round(seconds / size), unit);
}

export const STATUSES = ['RUNNING', 'COMPLETED', 'FAILED'];
export const RESULTS = ['SUCCESSFUL', 'SUCCESSFUL_WITH_ISSUES', 'UNSUCCESSFUL', 'NOT_EVALUATED'];

/**
 * A day picked in a date input (`2026-12-01`), in the viewer's time zone, as the instant it starts; with
 * `plusDays` 1, the instant it ends, for periods "up to and including" that day.
 */
export function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** A `datetime-local` input's value (wall-clock time in the viewer's time zone) as the instant it names. */
export function localInstant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A message of the API about a field, as a sentence under the field's label: `is required.` reads "Is required.". */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Milliseconds of an ISO-8601 duration from the API (`PT1M40.5S`). */
export function durationMillis(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const d = parseIsoDuration(iso);
  const seconds = (d.days ?? 0) * 86_400 + (d.hours ?? 0) * 3_600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0);
  return Math.round(seconds * 1000);
}

/** A duration for people: "1 hr, 40 min", "12 sec", "0 sec" under a second. */
export function humanDuration(millis: number | null | undefined): string {
  if (millis == null) return '—';
  if (millis < 1000) return 'under a second';
  let rest = Math.max(0, Math.floor(millis / 1000));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  // below a minute the seconds matter; above a day they are noise
  const parts = days > 0 ? { days, hours, minutes } : { hours, minutes, seconds };
  const shown = Object.fromEntries(Object.entries(parts).filter(([, v]) => v > 0));
  return durations.format(Object.keys(shown).length ? shown : { seconds: 0 });
}

export function isoDuration(iso: string | null | undefined): string {
  return humanDuration(durationMillis(iso));
}

const WORDS: Record<string, string> = {
  // test status
  RUNNING: 'Running', COMPLETED: 'Completed', FAILED: 'Failed',
  // step status
  PENDING: 'Pending',
  // report result, the customer's verdict
  SUCCESSFUL: 'Successful', SUCCESSFUL_WITH_ISSUES: 'Successful with issues', UNSUCCESSFUL: 'Unsuccessful',
  NOT_EVALUATED: 'Not evaluated',
  // objective verdicts
  MET: 'Met', MISSED: 'Missed',
  // next steps
  OPEN: 'Open', DONE: 'Done', NOT_APPLICABLE: 'Not applicable', SELF_SERVICE: 'Self-service', SUPPORT_CASE: 'Support case',
  // purposes
  PRODUCTION: 'Production', PRE_PRODUCTION: 'Pre-production', DEVELOPMENT: 'Development',
  // failover steps
  LOCK_SOURCE: 'Lock the source', PROVISION_NETWORK: 'Provision the network', RESTORE_DATABASE: 'Restore the database',
  PROVISION_FRONT_ENDS: 'Provision the front-ends', CREATE_DNS: 'Create the DNS instance',
  INSTALL_DEFAULT_CERTIFICATE: 'Install the default certificate', APPLY_KEPT_CONFIGURATION: 'Apply the kept configuration',
  VERIFY: 'Verify health and parity', ACTIVATE: 'Activate in the DR region',
  // inventory plan actions
  REGISTER: 'Register', CHANGE: 'Change', UNCHANGED: 'Unchanged', NOT_IN_FILE: 'Not in the file', RETIRED: 'Retired',
  // token states
  ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked',
  // roles
  OPERATOR: 'Operator', AUDITOR: 'Auditor', ADMIN: 'Administrator', BACKUP_AGENT: 'Backup agent',
};

/** An enum value of the API in words; an unknown one (a newer server) is shown as it came, lower-cased. */
export function words(value: string | null | undefined): string {
  if (!value) return '—';
  return WORDS[value] ?? value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
}
