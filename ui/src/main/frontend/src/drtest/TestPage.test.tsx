import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DrTestView, StepView } from '../api/types';
import { RecordedEventSource } from '../test/recordedStream';
import { renderAt, signedInAs } from '../test/render';
import { server } from '../test/server';
import { TestPage } from './TestPage';

const STEPS = ['LOCK_SOURCE', 'PROVISION_NETWORK', 'RESTORE_DATABASE', 'PROVISION_FRONT_ENDS', 'CREATE_DNS',
  'INSTALL_DEFAULT_CERTIFICATE', 'APPLY_KEPT_CONFIGURATION', 'VERIFY', 'ACTIVATE'] as const;
const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

/** The test after `done` steps completed and the next one started, as the stream sends it (version = events). */
function state(done: number, overrides: Partial<DrTestView> = {}): DrTestView {
  const steps: StepView[] = STEPS.map((step, i) => ({
    step, attempt: i <= done ? 1 : 0, facts: i === 1 && done > 1 ? { cidr: '10.120.0.0/16' } : {},
    status: i < done ? 'COMPLETED' : i === done ? 'RUNNING' : 'PENDING',
    startedAt: i <= done ? at(i * 10) : undefined, endedAt: i < done ? at(i * 10 + 9) : undefined,
  }));
  return {
    testId: 't-1', environmentId: 'acme-preprod', environmentName: 'ACME Pre-Production', status: 'RUNNING',
    startedBy: 'olga', startedAt: at(0), sourceRegion: 'eu-west-1', drRegion: 'eu-central-1', rpo: 'PT10M',
    backup: { backupId: 'bkp-1', takenAt: at(-600) }, targets: { rto: 'PT4H', rpo: 'PT24H', testIntervalDays: 365 },
    steps, version: 1 + done * 2, ...overrides,
  };
}

describe('the test page', () => {
  beforeEach(() => {
    RecordedEventSource.instances = [];
    vi.stubGlobal('EventSource', RecordedEventSource);
    signedInAs('olga', 'OPERATOR');
  });
  afterEach(() => vi.unstubAllGlobals());

  test('follows the recorded stream through a dropped connection, missing nothing and showing nothing twice', async () => {
    let current = state(0);
    server.use(http.get('*/api/dr-tests/t-1', () => HttpResponse.json(current)));
    renderAt('/tests/t-1', [{ path: '/tests/:testId', element: <TestPage /> }]);
    await screen.findByText('0 of 9 steps');
    await waitFor(() => expect(RecordedEventSource.instances).toHaveLength(1));
    const first = RecordedEventSource.latest();
    expect(first.url).toBe('/api/dr-tests/t-1/stream');

    act(() => { first.open(); first.send(state(0)); first.send(state(1)); first.send(state(2)); });
    expect(await screen.findByText('2 of 9 steps')).toBeInTheDocument();
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.getByText('cidr: 10.120.0.0/16')).toBeInTheDocument();

    // the line drops while two steps complete; the page says so and asks again
    current = state(4);
    act(() => first.drop());
    expect(await screen.findByText('Reconnecting…')).toBeInTheDocument();
    await waitFor(() => expect(RecordedEventSource.instances).toHaveLength(2), { timeout: 5000 });
    const second = RecordedEventSource.latest();
    // the new connection starts with the current state; a late copy of an older one is not shown again
    act(() => { second.open(); second.send(state(4)); second.send(state(3)); });
    expect(await screen.findByText('4 of 9 steps')).toBeInTheDocument();
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.queryByText('3 of 9 steps')).not.toBeInTheDocument();
    const timeline = screen.getByTestId('step-RESTORE_DATABASE');
    expect(within(timeline).getByText(/took/)).toBeInTheDocument();

    // the end: verdicts and next steps are fetched, the stream is closed and not opened again
    server.use(
      http.get('*/api/dr-tests/t-1/report', () => HttpResponse.json({
        automatedRto: 'PT1M30S', automatedRtoVerdict: 'MET', fullRtoVerdict: 'PENDING', rpo: 'PT10M', rpoVerdict: 'MET',
        targets: { rto: 'PT4H', rpo: 'PT24H' }, version: 30,
      })),
      http.get('*/api/dr-tests/t-1/next-steps', () => HttpResponse.json({ nextSteps: [
        { id: 'republish', title: 'Republish all applications', how: 'SELF_SERVICE', state: 'OPEN' },
      ], version: 30 })),
    );
    const ended = state(9, { status: 'COMPLETED', endedAt: at(90), rto: 'PT1M30S', version: 30 });
    ended.steps = ended.steps!.map((s) => ({ ...s, status: 'COMPLETED', endedAt: s.endedAt ?? at(89) }));
    act(() => second.send(ended));
    expect(await screen.findByText('9 of 9 steps')).toBeInTheDocument();
    expect(await screen.findByText('Republish all applications')).toBeInTheDocument();
    expect(within(screen.getByTestId('verdict-Automated RTO')).getByText('Target met')).toBeInTheDocument();
    expect(second.closed).toBe(true);
    expect(RecordedEventSource.instances).toHaveLength(2);
  });

  test('shows the verdicts and next steps once their view has caught up with the completed test it shows', async () => {
    // the progress view already has the completion (version 30); the report, another projection, is a moment behind
    const ended = state(9, { status: 'COMPLETED', endedAt: at(90), rto: 'PT1M30S', version: 30 });
    ended.steps = ended.steps!.map((s) => ({ ...s, status: 'COMPLETED', endedAt: s.endedAt ?? at(89) }));
    let reportVersion = 28;
    const asked = { report: 0, nextSteps: 0 };
    server.use(
      http.get('*/api/dr-tests/t-1', () => HttpResponse.json(ended)),
      http.get('*/api/dr-tests/t-1/report', () => {
        asked.report += 1;
        return HttpResponse.json({
          automatedRto: reportVersion >= 30 ? 'PT1M30S' : undefined, automatedRtoVerdict: reportVersion >= 30 ? 'MET' : 'PENDING',
          fullRtoVerdict: 'PENDING', rpo: 'PT10M', rpoVerdict: 'MET', targets: { rto: 'PT4H', rpo: 'PT24H' }, version: reportVersion,
        });
      }),
      http.get('*/api/dr-tests/t-1/next-steps', () => {
        asked.nextSteps += 1;
        return HttpResponse.json({ nextSteps: reportVersion >= 30 ? [
          { id: 'republish', title: 'Republish all applications', how: 'SELF_SERVICE', state: 'OPEN' },
        ] : [], version: reportVersion });
      }),
    );
    renderAt('/tests/t-1', [{ path: '/tests/:testId', element: <TestPage /> }]);
    await waitFor(() => expect(asked.report).toBeGreaterThanOrEqual(2));
    await waitFor(() => expect(asked.nextSteps).toBeGreaterThanOrEqual(2));
    // behind: neither an empty checklist nor a verdict of the running test, but the views being caught up
    expect(screen.getByText('Loading the next steps…')).toBeInTheDocument();
    expect(screen.getByText('Loading the verdicts…')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Next steps' })).not.toBeInTheDocument();

    reportVersion = 30;
    expect(await screen.findByText('Republish all applications', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(within(screen.getByTestId('verdict-Automated RTO')).getByText('Target met')).toBeInTheDocument();
    // caught up, it stops asking
    const settled = { ...asked };
    await new Promise((r) => setTimeout(r, 800));
    expect(asked).toEqual(settled);
  });

  test('ticks the running step\'s duration while nothing arrives', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: T0 + 25_000 });
    try {
      server.use(http.get('*/api/dr-tests/t-1', () => HttpResponse.json(state(2))));
      renderAt('/tests/t-1', [{ path: '/tests/:testId', element: <TestPage /> }]);
      const duration = await screen.findByTestId('duration-RESTORE_DATABASE');
      expect(duration).toHaveTextContent('5 sec');
      await act(async () => { await vi.advanceTimersByTimeAsync(3000); });
      expect(duration).toHaveTextContent('8 sec');
    } finally {
      vi.useRealTimers();
    }
  });

  test('names the failed step and its reason, with Resume for an ADMIN only', async () => {
    const failed = state(2, { status: 'FAILED', failedStep: 'RESTORE_DATABASE', failureReason: 'snapshot not found', endedAt: at(30) });
    server.use(http.get('*/api/dr-tests/t-1', () => HttpResponse.json(failed)));
    renderAt('/tests/t-1', [{ path: '/tests/:testId', element: <TestPage /> }]);
    const alert = await screen.findByRole('alert', { name: 'Failed at: Restore the database' });
    expect(alert).toHaveTextContent('snapshot not found');
    expect(within(alert).queryByRole('button', { name: /Resume/ })).not.toBeInTheDocument();
  });

  test('lets an ADMIN resume a failed test from the step that failed', async () => {
    signedInAs('ada', 'ADMIN', 'OPERATOR', 'AUDITOR');
    const failed = state(2, { status: 'FAILED', failedStep: 'RESTORE_DATABASE', failureReason: 'snapshot not found', endedAt: at(30) });
    let resumed = 0;
    server.use(
      http.get('*/api/dr-tests/t-1', () => HttpResponse.json(resumed ? state(2, { version: 9 }) : failed)),
      http.post('*/api/dr-tests/t-1/resume', () => { resumed += 1; return HttpResponse.json({ testId: 't-1' }, { status: 202 }); }),
    );
    renderAt('/tests/t-1', [{ path: '/tests/:testId', element: <TestPage /> }]);
    const resume = await screen.findByRole('button', { name: 'Resume from Restore the database' });
    resume.click();
    await waitFor(() => expect(resumed).toBe(1));
    expect(await screen.findByText('Connecting…')).toBeInTheDocument();
    await waitFor(() => expect(RecordedEventSource.instances).toHaveLength(1));
  });
});
