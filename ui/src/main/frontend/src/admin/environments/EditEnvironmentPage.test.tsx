import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderAt, signedInAs } from '../../test/render';
import { server } from '../../test/server';
import { EditEnvironmentPage } from './EditEnvironmentPage';

const ENV = {
  id: 'acme-old', displayName: 'ACME Old', purpose: 'DEVELOPMENT', region: 'eu-west-1', drRegion: 'eu-central-1', drEnabled: true,
  available: true, retired: false, version: 7, lastBackup: { backupId: 'b-1', takenAt: '2026-12-01T10:00:00Z' },
  configuration: {
    database: { engine: 'postgres', engineVersion: '16.4', instanceClass: 'db.t4g.medium', storageGb: 50 },
    frontEnds: { count: 1, instanceType: 't3.medium', storageGb: 20 },
    network: { vpcCidr: '10.30.0.0/16' },
    kept: { errorMonitoring: true, hipaaMode: false, logSeparation: false, wafIpRules: ['203.0.113.0/24'], externalConnections: [] },
  },
  targets: { rto: 'PT4H', rpo: 'PT1H30M', testIntervalDays: 90 },
};

function serve() {
  const posts: { path: string; body: unknown }[] = [];
  server.use(
    http.get('*/api/environments/acme-old', () => HttpResponse.json(ENV)),
    http.get('*/api/environments', () => HttpResponse.json([ENV])),
    http.get('*/api/reports/compliance', () => HttpResponse.json({ environments: [] })),
    http.post('*/api/environments/acme-old/retire', ({ request }) => {
      posts.push({ path: new URL(request.url).pathname, body: null });
      return HttpResponse.json({ ...ENV, retired: true, retiredAt: '2026-12-02T09:00:00Z', version: 8 });
    }),
    http.put('*/api/environments/acme-old/targets', async ({ request }) => {
      const body = await request.json();
      posts.push({ path: new URL(request.url).pathname, body });
      return HttpResponse.json({ status: 422, detail: 'targets.rpo is invalid.', errors: [{ field: 'targets.rpo', message: 'is PT31D; the recovery point objective is at most 30 days.' }] },
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } });
    }),
  );
  return posts;
}

function renderPage() {
  signedInAs('ada', 'ADMIN', 'OPERATOR', 'AUDITOR');
  return renderAt('/admin/environments/acme-old/edit', [{ path: '/admin/environments/:envId/edit', element: <EditEnvironmentPage /> }]);
}

describe('maintaining an environment', () => {
  test('retires only once the id is typed exactly, after saying what retirement means', async () => {
    const posts = serve();
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Retire ACME Old…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Retire ACME Old?' });
    expect(dialog).toHaveTextContent('takes no new DR tests');
    expect(dialog).toHaveTextContent('stays in the test history, the audit trail and the compliance reports');
    const retire = within(dialog).getByRole('button', { name: 'Retire the environment' });
    const id = within(dialog).getByRole('textbox', { name: /Type the environment's id/ });
    expect(retire).toBeDisabled();
    await user.type(id, 'ACME Old');
    expect(retire).toBeDisabled();
    expect(within(dialog).getByText(/The id does not match/)).toBeInTheDocument();
    await user.clear(id);
    await user.type(id, 'acme-ol');
    expect(retire).toBeDisabled();
    await user.click(retire);
    expect(posts).toEqual([]);
    await user.type(id, 'd');
    expect(retire).toBeEnabled();
    await user.click(retire);

    expect(await screen.findByRole('note', { name: 'Retired' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(posts).toEqual([{ path: '/api/environments/acme-old/retire', body: null }]);
    expect(screen.queryByRole('form', { name: 'Targets' })).not.toBeInTheDocument();
  });

  test('prefills the targets in hours and minutes, sends them as ISO-8601 and shows the refusal under the target', async () => {
    const posts = serve();
    const user = userEvent.setup();
    renderPage();
    const form = await screen.findByRole('form', { name: 'Targets' });
    const rto = within(within(form).getByRole('group', { name: 'Recovery time objective (RTO)' }));
    const rpo = within(within(form).getByRole('group', { name: 'Recovery point objective (RPO)' }));
    expect(rto.getByRole('textbox', { name: 'RTO hours' })).toHaveValue('4');
    expect(rto.getByRole('textbox', { name: 'RTO minutes' })).toHaveValue('0');
    expect(rpo.getByRole('textbox', { name: 'RPO hours' })).toHaveValue('1');
    expect(rpo.getByRole('textbox', { name: 'RPO minutes' })).toHaveValue('30');
    expect(within(form).getByRole('status')).toHaveTextContent('No changes');

    await user.clear(rpo.getByRole('textbox', { name: 'RPO hours' }));
    await user.type(rpo.getByRole('textbox', { name: 'RPO hours' }), '744');
    expect(within(form).getByRole('status')).toHaveTextContent('Unsaved changes');
    await user.click(within(form).getByRole('button', { name: 'Save targets' }));

    const group = within(form).getByRole('group', { name: 'Recovery point objective (RPO)' });
    await waitFor(() => expect(group).toHaveTextContent('Is PT31D; the recovery point objective is at most 30 days.'));
    expect(within(form).getByRole('group', { name: 'Recovery time objective (RTO)' })).not.toHaveTextContent('at most 30 days');
    expect(posts).toEqual([{ path: '/api/environments/acme-old/targets', body: { rto: 'PT4H', rpo: 'PT744H30M', testIntervalDays: 90 } }]);
  });

  test('records a backup taken at a local time as its instant, and puts a refused time under its field', async () => {
    serve();
    const backups: unknown[] = [];
    server.use(http.post('*/api/environments/acme-old/backups', async ({ request }) => {
      const body = await request.json() as { lateReport?: boolean };
      backups.push(body);
      if (!body.lateReport) {
        return HttpResponse.json({ status: 422, detail: 'takenAt is not after the last backup.', errors: [{ field: 'takenAt', message: "is 2026-11-30T10:00:00Z, not after the last backup ('b-1' taken at 2026-12-01T10:00:00Z); to record an older backup reported late, send lateReport: true." }] },
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } });
      }
      return HttpResponse.json({ environmentId: 'acme-old', backupId: 'b-0', takenAt: '2026-11-30T10:00:00Z', lastBackup: ENV.lastBackup });
    }));
    const user = userEvent.setup();
    renderPage();
    const form = await screen.findByRole('form', { name: 'Record a backup' });
    await user.type(within(form).getByRole('textbox', { name: /^Backup id/ }), 'b-0');
    const takenAt = within(form).getByLabelText(/^Taken at/);
    fireEvent.change(takenAt, { target: { value: '2026-11-30T11:00:00' } });
    await user.click(within(form).getByRole('button', { name: 'Record the backup' }));

    await waitFor(() => expect(takenAt).toHaveAccessibleDescription(/^Is 2026-11-30T10:00:00Z, not after the last backup/));
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    const late = within(form).getByRole('checkbox', { name: 'Late report' });
    expect(late).toHaveAccessibleDescription(/older than the last one recorded/);
    await user.click(late);
    await user.click(within(form).getByRole('button', { name: 'Record the backup' }));

    expect(await within(form).findByText(/Recorded b-0/)).toHaveTextContent('The last backup is now b-1.');
    // the wall-clock time typed is read in the viewer's time zone, as the browser's own Date does
    const instant = new Date(2026, 10, 30, 11, 0, 0).toISOString();
    expect(backups).toEqual([{ backupId: 'b-0', takenAt: instant }, { backupId: 'b-0', takenAt: instant, lateReport: true }]);
  });
});
