import type { UseFormReturnType } from '@mantine/form';
import { ApiError, type Problem } from '../../api/client';
import type { EnvironmentConfiguration, EnvironmentView, RegisterRequest, Targets } from '../../api/types';
import { durationMillis, sentence } from '../../format/format';

/**
 * An environment as its administration forms hold it: the API's body, with numbers that may be empty while typed
 * and the targets' durations in hours and minutes. The paths are the API's, so the `field` of a 422's errors
 * (`configuration.kept.wafIpRules[1]`) names the input that shows it.
 */
export interface Span {
  hours: number | string;
  minutes: number | string;
}

export interface ConfigurationValues {
  database: { engine: string; engineVersion: string; instanceClass: string; storageGb: number | string };
  frontEnds: { count: number | string; instanceType: string; storageGb: number | string };
  network: { vpcCidr: string };
  kept: {
    errorMonitoring: boolean;
    hipaaMode: boolean;
    logSeparation: boolean;
    wafIpRules: string[];
    externalConnections: { name: string; engine: string; host: string }[];
  };
}

export interface EnvironmentValues {
  id: string;
  displayName: string;
  /** empty until one is chosen */
  purpose: string;
  region: string;
  drRegion: string;
  drEnabled: boolean;
  configuration: ConfigurationValues;
  targets: { rto: Span; rpo: Span; testIntervalDays: number | string };
}

export type EnvironmentForm = UseFormReturnType<EnvironmentValues>;

export const PURPOSES = ['PRODUCTION', 'PRE_PRODUCTION', 'DEVELOPMENT'];

/** A new environment: nothing but what almost every one has. */
export const NEW_ENVIRONMENT: EnvironmentValues = {
  id: '', displayName: '', purpose: '', region: '', drRegion: '', drEnabled: false,
  configuration: {
    database: { engine: '', engineVersion: '', instanceClass: '', storageGb: '' },
    frontEnds: { count: 2, instanceType: '', storageGb: '' },
    network: { vpcCidr: '' },
    kept: { errorMonitoring: false, hipaaMode: false, logSeparation: false, wafIpRules: [], externalConnections: [] },
  },
  targets: { rto: { hours: 4, minutes: 0 }, rpo: { hours: 1, minutes: 0 }, testIntervalDays: 90 },
};

/** An environment as the API shows it, to edit. */
export function fromView(env: EnvironmentView): EnvironmentValues {
  const c = env.configuration;
  return {
    id: env.id, displayName: env.displayName, purpose: env.purpose, region: env.region, drRegion: env.drRegion ?? '',
    drEnabled: env.drEnabled,
    configuration: {
      database: { ...c.database },
      frontEnds: { ...c.frontEnds },
      network: { ...c.network },
      kept: { ...c.kept, wafIpRules: [...c.kept.wafIpRules], externalConnections: c.kept.externalConnections.map((x) => ({ ...x })) },
    },
    targets: { rto: spanOf(env.targets.rto), rpo: spanOf(env.targets.rpo), testIntervalDays: env.targets.testIntervalDays },
  };
}

/** An ISO-8601 duration (`PT4H30M`) in whole hours and minutes. */
export function spanOf(iso: string | null | undefined): Span {
  const minutes = Math.round((durationMillis(iso) ?? 0) / 60_000);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** Hours and minutes as the ISO-8601 duration the API reads; none at all is `PT0S` (which the API refuses as zero). */
export function isoOf(span: Span): string {
  const hours = Number(span.hours) || 0;
  const minutes = Number(span.minutes) || 0;
  if (!hours && !minutes) return 'PT0S';
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}`;
}

const text = (value: string) => value.trim();

export function toConfiguration(c: ConfigurationValues): EnvironmentConfiguration {
  return {
    database: {
      engine: text(c.database.engine), engineVersion: text(c.database.engineVersion),
      instanceClass: text(c.database.instanceClass), storageGb: Number(c.database.storageGb),
    },
    frontEnds: { count: Number(c.frontEnds.count), instanceType: text(c.frontEnds.instanceType), storageGb: Number(c.frontEnds.storageGb) },
    network: { vpcCidr: text(c.network.vpcCidr) },
    kept: {
      errorMonitoring: c.kept.errorMonitoring, hipaaMode: c.kept.hipaaMode, logSeparation: c.kept.logSeparation,
      // every row is sent, empty ones too, so an error's index is the row's on the page
      wafIpRules: c.kept.wafIpRules.map(text),
      externalConnections: c.kept.externalConnections.map((x) => ({ name: text(x.name), engine: text(x.engine), host: text(x.host) })),
    },
  };
}

export function toTargets(t: EnvironmentValues['targets']): Targets {
  return { rto: isoOf(t.rto), rpo: isoOf(t.rpo), testIntervalDays: Number(t.testIntervalDays) };
}

export function toRegistration(v: EnvironmentValues): RegisterRequest {
  return {
    id: text(v.id), displayName: text(v.displayName), purpose: v.purpose || undefined, region: text(v.region),
    drRegion: text(v.drRegion) || undefined, drEnabled: v.drEnabled,
    configuration: toConfiguration(v.configuration), targets: toTargets(v.targets),
  };
}

const NUMBERS = [
  'configuration.database.storageGb', 'configuration.frontEnds.count', 'configuration.frontEnds.storageGb', 'targets.testIntervalDays',
];

/**
 * What the form checks itself: only that a number is one. Every rule of an environment is the API's, which answers
 * each broken one by its field, so the messages are the same wherever an environment is written.
 */
export function validateNumbers(values: EnvironmentValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const path of NUMBERS) {
    const value = valueAt(values, path);
    if (value === '' || value == null || !Number.isFinite(Number(value))) errors[path] = 'Enter a number.';
  }
  for (const which of ['rto', 'rpo'] as const) {
    const { hours, minutes } = values.targets[which];
    if (!Number.isInteger(Number(hours || 0)) || Number(hours || 0) < 0) errors[`targets.${which}`] = 'Hours are a whole number, 0 or more.';
    else if (!Number.isInteger(Number(minutes || 0)) || Number(minutes || 0) < 0 || Number(minutes || 0) > 59) errors[`targets.${which}`] = 'Minutes are a whole number from 0 to 59.';
  }
  return errors;
}

/** The form's path of an API field: `configuration.kept.wafIpRules[1]` is `configuration.kept.wafIpRules.1`. */
export function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

function valueAt(values: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), values);
}

/** Paths whose value is no single input, but which show their own message: the two durations, the two lists, a connection. */
const COMPOSITE = [/^targets\.(rto|rpo)$/, /^configuration\.kept\.(wafIpRules|externalConnections)$/, /^configuration\.kept\.externalConnections\.\d+$/];

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Puts each error of a refusal next to the field it names, among the fields this form shows (`shown` says which, by
 * path prefix); answers the ones it has no place for, to list above the form.
 */
export function placeErrors(form: EnvironmentForm, error: unknown, shown: string[]): { unplaced: FieldError[]; problem: Problem } {
  const problem: Problem = error instanceof ApiError ? error.problem : { detail: error instanceof Error ? error.message : String(error) };
  const unplaced: FieldError[] = [];
  const placed: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const path = formPath(e.field);
    const value = valueAt(form.getValues(), path);
    const input = ['string', 'number', 'boolean'].includes(typeof value) || COMPOSITE.some((c) => c.test(path));
    if (input && value !== undefined && shown.some((p) => path === p || path.startsWith(`${p}.`))) {
      placed[path] = placed[path] ? `${placed[path]} ${sentence(e.message)}` : sentence(e.message);
    } else {
      unplaced.push(e);
    }
  }
  form.setErrors(placed);
  return { unplaced, problem };
}
