import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderAt, signedInAs } from '../test/render';
import { server } from '../test/server';
import { ReportEditor } from './ReportEditor';

const REPORT = { testId: 't-1', reason: 'annual test', result: 'NOT_EVALUATED', observations: '', edits: [], version: 21 };

function renderEditor() {
  signedInAs('olga', 'OPERATOR');
  return renderAt('/r', [{ path: '/r', element: <ReportEditor testId="t-1" /> }]);
}

describe('the report editor', () => {
  test('marks unsaved changes, saves them with the CSRF token, and is clean again', async () => {
    let report = REPORT;
    const puts: { body: unknown; csrf: string | null }[] = [];
    server.use(
      http.get('*/api/dr-tests/t-1/report', () => HttpResponse.json(report)),
      http.put('*/api/dr-tests/t-1/report', async ({ request }) => {
        const body = (await request.json()) as typeof REPORT;
        puts.push({ body, csrf: request.headers.get('X-CSRF-TOKEN') });
        report = { ...report, ...body, version: 22 };
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderEditor();
    const observations = await screen.findByRole('textbox', { name: 'Additional observations' });
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Test reason/ })).toHaveValue('annual test'));
    expect(screen.getByText('No changes')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

    await user.type(observations, '<script>alert(1)</script> restored in time');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(puts).toEqual([{ body: { reason: 'annual test', result: 'NOT_EVALUATED', observations: '<script>alert(1)</script> restored in time' }, csrf: 'token-1' }]);
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  test('shows a 422 from the API next to the field it names, and keeps the edit', async () => {
    server.use(
      http.get('*/api/dr-tests/t-1/report', () => HttpResponse.json(REPORT)),
      http.put('*/api/dr-tests/t-1/report', () => HttpResponse.json(
        { status: 422, title: 'Unprocessable Entity', detail: 'observations holds a character a report cannot carry (U+FFFE).' },
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } })),
    );
    const user = userEvent.setup();
    renderEditor();
    const observations = await screen.findByRole('textbox', { name: 'Additional observations' });
    await user.type(observations, 'bad text');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('observations holds a character a report cannot carry (U+FFFE).')).toBeInTheDocument();
    expect(observations).toHaveAttribute('aria-invalid', 'true');
    expect(observations).toHaveValue('bad text');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
  });

  test('refuses a reason over its limit before asking the API', async () => {
    let puts = 0;
    server.use(
      http.get('*/api/dr-tests/t-1/report', () => HttpResponse.json(REPORT)),
      http.put('*/api/dr-tests/t-1/report', () => { puts += 1; return new HttpResponse(null, { status: 204 }); }),
    );
    const user = userEvent.setup();
    renderEditor();
    const reason = await screen.findByRole('textbox', { name: /Test reason/ });
    await waitFor(() => expect(reason).toHaveValue('annual test'));
    await user.clear(reason);
    await user.click(reason);
    await user.paste('x'.repeat(501));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('At most 500 characters (now 501).')).toBeInTheDocument();
    expect(puts).toBe(0);
  });
});
