import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { CompliancePage } from '../compliance/CompliancePage';
import { renderAt, signedInAs } from '../test/render';
import { server } from '../test/server';
import { EnvironmentPage } from './EnvironmentPage';
import { EnvironmentsPage } from './EnvironmentsPage';

const BACKUP = { backupId: 'b-1', takenAt: '2026-12-01T10:00:00Z' };
const TARGETS = { rto: 'PT4H', rpo: 'PT1H', testIntervalDays: 90 };
const RETIRED = {
  id: 'acme-old', displayName: 'ACME Old', purpose: 'DEVELOPMENT', region: 'eu-west-1', drRegion: 'eu-central-1', drEnabled: true,
  available: true, retired: true, retiredAt: '2026-11-20T12:00:00Z', version: 9, lastBackup: BACKUP, targets: TARGETS,
};
const ACTIVE = { ...RETIRED, id: 'acme-preprod', displayName: 'ACME Pre-Production', retired: false, retiredAt: undefined };
// a retired environment's compliance row: its last test long ago, the due date passed, yet not overdue
const ROWS = [
  { environmentId: 'acme-old', environmentName: 'ACME Old', drEnabled: true, retired: true, overdue: false, testIntervalDays: 90, nextTestDue: '2026-03-01T00:00:00Z' },
  { environmentId: 'acme-preprod', environmentName: 'ACME Pre-Production', drEnabled: true, retired: false, overdue: true, testIntervalDays: 90, nextTestDue: '2026-11-01T00:00:00Z' },
];

function serve() {
  server.use(
    http.get('*/api/environments', () => HttpResponse.json([RETIRED, ACTIVE])),
    http.get('*/api/environments/acme-old', () => HttpResponse.json(RETIRED)),
    http.get('*/api/environments/:id/trend', () => HttpResponse.json({ environmentId: 'acme-old', points: [] })),
    http.get('*/api/dr-tests', () => HttpResponse.json({ items: [], page: 0, size: 10, total: 0 })),
    http.get('*/api/reports/compliance', () => HttpResponse.json({ environments: ROWS, testsByStatus: {}, testsByResult: {} })),
  );
}

describe('a retired environment', () => {
  test('is listed as retired, last, with no start and nothing due', async () => {
    serve();
    signedInAs('olga', 'OPERATOR');
    renderAt('/', [{ path: '/', element: <EnvironmentsPage /> }]);
    const rows = within(await screen.findByRole('table', { name: 'Environments' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('link')[0].textContent)).toEqual(['ACME Pre-Production', 'ACME Old']);
    const retired = rows[1];
    expect(within(retired).getByText('Retired')).toBeInTheDocument();
    expect(within(retired).getByText('None: retired')).toBeInTheDocument();
    expect(within(retired).queryByText('Overdue')).not.toBeInTheDocument();
    expect(within(retired).queryByRole('link', { name: /Start test/ })).not.toBeInTheDocument();
    expect(within(rows[0]).getByRole('link', { name: 'Start test of ACME Pre-Production' })).toBeInTheDocument();
  });

  test('has its page say so, with the start refused in words', async () => {
    serve();
    signedInAs('olga', 'OPERATOR');
    renderAt('/environments/acme-old', [{ path: '/environments/:envId', element: <EnvironmentPage /> }]);
    expect(await screen.findByRole('note', { name: 'Retired' })).toHaveTextContent('It takes no new tests');
    expect(screen.getByRole('button', { name: 'Start test' })).toBeDisabled();
    expect(screen.getByText('The environment is retired.')).toBeInTheDocument();
  });

  test('is shown as retired in compliance, after the overdue ones, never as overdue', async () => {
    serve();
    signedInAs('aude', 'AUDITOR');
    renderAt('/compliance', [{ path: '/compliance', element: <CompliancePage /> }]);
    const rows = within(await screen.findByRole('table', { name: 'Test schedule' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['ACME Pre-Production', 'ACME Old']);
    expect(within(rows[0]).getByText('Overdue')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Retired')).toBeInTheDocument();
    expect(within(rows[1]).queryByText('Overdue')).not.toBeInTheDocument();
  });
});
