import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderAt, signedInAs } from '../test/render';
import { server } from '../test/server';
import { StartTestPage } from './StartTestPage';

const BACKUP = { backupId: 'bkp-1', takenAt: '2026-12-01T10:00:00Z' };
const ENV = {
  id: 'acme-preprod', displayName: 'ACME Pre-Production', purpose: 'PRE_PRODUCTION', region: 'eu-west-1',
  drRegion: 'eu-central-1', drEnabled: true, available: true, lastBackup: BACKUP,
};
const PRECONDITIONS = {
  environmentId: 'acme-preprod', environmentName: 'ACME Pre-Production', lastBackup: BACKUP, dataLossWindow: 'PT2H5M',
  preconditions: [
    { id: 'unavailable', text: 'The environment will be unavailable during the test.' },
    { id: 'data-loss', text: 'App data changed after the last backup will be lost.' },
    { id: 'users-informed', text: 'Users have been told.' },
  ],
};

function serve(start: Parameters<typeof http.post>[1]) {
  const starts: unknown[] = [];
  server.use(
    http.get('*/api/environments/acme-preprod', () => HttpResponse.json(ENV)),
    http.get('*/api/environments/acme-preprod/preconditions', () => HttpResponse.json(PRECONDITIONS)),
    http.post('*/api/environments/acme-preprod/dr-tests', async (info) => {
      starts.push(await info.request.clone().json());
      return start(info);
    }),
  );
  return starts;
}

function renderWizard() {
  signedInAs('olga', 'OPERATOR');
  return renderAt('/environments/acme-preprod/start', [
    { path: '/environments/:envId/start', element: <StartTestPage /> },
    { path: '/tests/:testId', element: <p>test page of the new test</p> },
  ]);
}

/** Every box ticked, the name typed exactly, the start clicked: what an operator does to start a test. */
async function startThroughBothSteps() {
  const user = userEvent.setup();
  renderWizard();
  for (const box of await screen.findAllByRole('checkbox')) await user.click(box);
  await user.click(screen.getByRole('button', { name: 'Continue to confirmation' }));
  await user.type(await screen.findByRole('textbox', { name: /Type the environment's name/ }), 'ACME Pre-Production');
  await user.click(screen.getByRole('button', { name: 'Start the DR test' }));
}

describe('the start wizard', () => {
  test('offers the confirmation only once every precondition is ticked, and starts only on the exact name', async () => {
    const starts = serve(() => HttpResponse.json({ testId: 't-1' }, { status: 202 }));
    const user = userEvent.setup();
    renderWizard();

    expect(await screen.findByText(/2 hr, 5 min/)).toBeInTheDocument();
    expect(screen.getByText(/the test cannot be stopped/i)).toBeInTheDocument();
    const proceed = screen.getByRole('button', { name: 'Continue to confirmation' });
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(3);
    for (const box of boxes.slice(0, 2)) await user.click(box);
    expect(proceed).toBeDisabled();
    await user.click(boxes[2]);
    expect(proceed).toBeEnabled();
    await user.click(proceed);

    const start = await screen.findByRole('button', { name: 'Start the DR test' });
    const name = screen.getByRole('textbox', { name: /Type the environment's name/ });
    expect(start).toBeDisabled();
    await user.type(name, 'acme pre-production');
    expect(start).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'ACME Pre-Production ');
    expect(start).toBeDisabled();
    await user.type(name, '{Backspace}');
    expect(start).toBeEnabled();
    await user.click(start);

    expect(await screen.findByText('test page of the new test')).toBeInTheDocument();
    expect(starts).toEqual([{ acknowledgedPreconditions: ['unavailable', 'data-loss', 'users-informed'], confirmationName: 'ACME Pre-Production' }]);
  });

  test('shows the refusal of a start raced by another session in words, and stays', async () => {
    serve(() => HttpResponse.json({ status: 409, detail: "Environment 'acme-preprod' is already being tested by test t-0." },
      { status: 409, headers: { 'Content-Type': 'application/problem+json' } }));
    await startThroughBothSteps();

    const alert = await screen.findByRole('alert', { name: 'Not started' });
    expect(alert).toHaveTextContent("Environment 'acme-preprod' is already being tested by test t-0. Nothing was started.");
    expect(screen.queryByText('test page of the new test')).not.toBeInTheDocument();
  });

  test('puts a refused precondition next to the checklist and asks for it again', async () => {
    serve(() => HttpResponse.json({ status: 422, detail: "Precondition 'no-changes' must be acknowledged." },
      { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    await startThroughBothSteps();

    expect(await screen.findByText("Precondition 'no-changes' must be acknowledged.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  test('starts nothing when a newer backup changed the data-loss window meanwhile', async () => {
    const starts = serve(() => HttpResponse.json({ testId: 't-1' }, { status: 202 }));
    const user = userEvent.setup();
    renderWizard();
    for (const box of await screen.findAllByRole('checkbox')) await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Continue to confirmation' }));
    server.use(http.get('*/api/environments/acme-preprod/preconditions', () => HttpResponse.json({
      ...PRECONDITIONS, lastBackup: { backupId: 'bkp-2', takenAt: '2026-12-01T11:00:00Z' }, dataLossWindow: 'PT1H5M',
    })));
    await user.type(await screen.findByRole('textbox', { name: /Type the environment's name/ }), 'ACME Pre-Production');
    await user.click(screen.getByRole('button', { name: 'Start the DR test' }));

    expect(await screen.findByText(/A newer backup was taken/)).toBeInTheDocument();
    expect(starts).toEqual([]);
    expect(screen.getByRole('button', { name: 'Continue to confirmation' })).toBeDisabled();
  });
});
