import type { DrTestView, StepView } from '../api/types';

/** How far a test is: the share of its steps completed, and the step running or failed now. */
export function progressOf(test: DrTestView): { percent: number; done: number; total: number; current?: StepView } {
  const steps = test.steps ?? [];
  const done = steps.filter((s) => s.status === 'COMPLETED').length;
  const current = steps.find((s) => s.status === 'RUNNING' || s.status === 'FAILED');
  return { percent: steps.length ? Math.round((done / steps.length) * 100) : 0, done, total: steps.length, current };
}

/** Milliseconds between two moments, the second one now if it is still open. */
export function elapsed(from: string | null | undefined, to: string | null | undefined, now: number): number | null {
  if (!from) return null;
  return Math.max(0, (to ? new Date(to).getTime() : now) - new Date(from).getTime());
}
