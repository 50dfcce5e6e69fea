import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderAt, signedInAs } from '../../test/render';
import { server } from '../../test/server';
import { TokensPage } from './TokensPage';

const SECRET = 'rh_3fQk9v1Z-secret-shown-once';
const EXISTING = [
  { name: 'ci-pipeline', role: 'OPERATOR', createdAt: '2026-11-01T08:00:00Z', createdBy: 'ada', expiresAt: null, revokedAt: null, lastUsedAt: '2026-12-01T07:00:00Z' },
  { name: 'old-backup-tool', role: 'BACKUP_AGENT', createdAt: '2026-01-01T08:00:00Z', createdBy: 'ada', expiresAt: '2026-06-01T00:00:00Z', revokedAt: null },
  { name: 'leaked', role: 'AUDITOR', createdAt: '2026-10-01T08:00:00Z', createdBy: 'ada', revokedAt: '2026-10-02T08:00:00Z' },
];

function serve() {
  const tokens: Record<string, unknown>[] = [...EXISTING];
  const calls: { method: string; path: string; body?: unknown; csrf: string | null }[] = [];
  server.use(
    http.get('*/api/admin/tokens', () => HttpResponse.json(tokens)),
    http.post('*/api/admin/tokens', async ({ request }) => {
      const body = await request.json() as Record<string, unknown>;
      calls.push({ method: 'POST', path: '/api/admin/tokens', body, csrf: request.headers.get('X-CSRF-TOKEN') });
      const created = { ...body, createdAt: '2026-12-02T09:00:00Z', createdBy: 'ada' };
      tokens.push(created);
      return HttpResponse.json({ ...created, token: SECRET }, { status: 201 });
    }),
    http.delete('*/api/admin/tokens/:name', ({ request, params }) => {
      calls.push({ method: 'DELETE', path: new URL(request.url).pathname, csrf: request.headers.get('X-CSRF-TOKEN') });
      const token = tokens.find((t) => t.name === params.name);
      if (token) token.revokedAt = '2026-12-02T09:05:00Z';
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return calls;
}

function renderPage() {
  signedInAs('ada', 'ADMIN', 'OPERATOR', 'AUDITOR');
  return renderAt('/admin/tokens', [{ path: '/admin/tokens', element: <TokensPage /> }]);
}

const rowOf = (name: string) => screen.getByRole('cell', { name }).closest('tr') as HTMLElement;

describe('API tokens', () => {
  test('lists each token with its state in words and its times', async () => {
    serve();
    renderPage();
    await screen.findByRole('table', { name: 'Tokens' });
    expect(within(rowOf('ci-pipeline')).getByText('Active')).toBeInTheDocument();
    expect(within(rowOf('ci-pipeline')).getByText('Operator')).toBeInTheDocument();
    expect(within(rowOf('ci-pipeline')).getAllByText('Never')).toHaveLength(1);
    expect(within(rowOf('ci-pipeline')).getAllByRole('time').map((t) => t.getAttribute('datetime'))).toEqual(['2026-11-01T08:00:00Z', '2026-12-01T07:00:00Z']);
    expect(within(rowOf('old-backup-tool')).getByText('Expired')).toBeInTheDocument();
    expect(within(rowOf('old-backup-tool')).getByText('Backup agent')).toBeInTheDocument();
    expect(within(rowOf('leaked')).getByText('Revoked')).toBeInTheDocument();
    expect(within(rowOf('leaked')).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
  });

  test("shows a created token's secret once, and forgets it when the dialog is left", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: 'Tokens' });
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'backup-tool-prod');
    const backupAgent = screen.getByRole('radio', { name: /^Backup agent/ });
    expect(backupAgent).toHaveAccessibleDescription(/Records backups and nothing else/);
    await user.click(backupAgent);
    await user.click(screen.getByRole('button', { name: 'Create the token' }));

    const dialog = await screen.findByRole('dialog', { name: 'Token created' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Copy the token now: it will not be shown again');
    expect(within(dialog).getByRole('textbox', { name: /Token backup-tool-prod/ })).toHaveValue(SECRET);
    expect(within(dialog).getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(calls).toEqual([{ method: 'POST', path: '/api/admin/tokens', body: { name: 'backup-tool-prod', role: 'BACKUP_AGENT' }, csrf: 'token-1' }]);

    await user.click(within(dialog).getByRole('button', { name: 'I have copied it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(await screen.findByRole('cell', { name: 'backup-tool-prod' })).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  test('revokes a token only after its confirmation', async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: 'Tokens' });
    await user.click(screen.getByRole('button', { name: 'Revoke ci-pipeline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke ci-pipeline?' });
    expect(dialog).toHaveTextContent('Every request with this token is refused from now on');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Revoke ci-pipeline' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Revoke ci-pipeline?' })).getByRole('button', { name: 'Revoke the token' }));
    await waitFor(() => expect(within(rowOf('ci-pipeline')).getByText('Revoked')).toBeInTheDocument());
    expect(calls).toEqual([{ method: 'DELETE', path: '/api/admin/tokens/ci-pipeline', csrf: 'token-1' }]);
  });
});
