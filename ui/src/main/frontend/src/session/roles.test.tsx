import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { AdminPage } from '../admin/AdminPage';
import { TokensPage } from '../admin/tokens/TokensPage';
import { EnvironmentsPage } from '../environments/EnvironmentsPage';
import { RequireRole } from '../layout/guards';
import { Shell } from '../layout/Shell';
import { renderAt, signedInAs } from '../test/render';
import { server } from '../test/server';

const ENVIRONMENTS = [{
  id: 'acme-preprod', displayName: 'ACME Pre-Production', purpose: 'PRE_PRODUCTION', region: 'eu-west-1', drRegion: 'eu-central-1',
  drEnabled: true, available: true, lastBackup: { backupId: 'b-1', takenAt: '2026-12-01T10:00:00Z' },
}];

function serveInventory() {
  server.use(
    http.get('*/api/environments', () => HttpResponse.json(ENVIRONMENTS)),
    http.get('*/api/reports/compliance', () => HttpResponse.json({ environments: [] })),
  );
}

const routes = [{
  path: '/', element: <Shell />, children: [
    { index: true, element: <EnvironmentsPage /> },
    { path: 'admin', element: <RequireRole role="ADMIN"><AdminPage /></RequireRole> },
    { path: 'admin/tokens', element: <RequireRole role="ADMIN"><TokensPage /></RequireRole> },
  ],
}] as never;

describe('role gating', () => {
  test('an OPERATOR is offered the start, and sees name and role', async () => {
    serveInventory();
    signedInAs('olga', 'OPERATOR');
    renderAt('/', routes);
    expect(await screen.findByRole('link', { name: 'Start test of ACME Pre-Production' })).toBeInTheDocument();
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('olga');
    expect(screen.getByTestId('signed-in-role')).toHaveTextContent('Operator');
    expect(screen.queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Manage environments' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'API tokens' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Audit trail' })).not.toBeInTheDocument();
  });

  test('an ADMIN finds the administration of environments and tokens in the sections, the current one marked', async () => {
    serveInventory();
    server.use(http.get('*/api/admin/tokens', () => HttpResponse.json([])));
    signedInAs('ada', 'ADMIN', 'OPERATOR', 'AUDITOR');
    renderAt('/admin/tokens', routes);
    const sections = within(await screen.findByRole('navigation', { name: 'Sections' }));
    expect(sections.getByRole('link', { name: 'Administration' })).not.toHaveAttribute('aria-current');
    expect(sections.getByRole('link', { name: 'Manage environments' })).toHaveAttribute('href', '/admin/environments');
    expect(sections.getByRole('link', { name: 'API tokens' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { name: 'API tokens' })).toBeInTheDocument();
  });

  test('an AUDITOR is offered no start, but the audit trail', async () => {
    serveInventory();
    signedInAs('aude', 'AUDITOR');
    renderAt('/', routes);
    expect(await screen.findByRole('link', { name: 'ACME Pre-Production' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Start test/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Audit trail' })).toBeInTheDocument();
    expect(screen.getByTestId('signed-in-role')).toHaveTextContent('Auditor');
  });

  test('administration is for an ADMIN only', async () => {
    signedInAs('olga', 'OPERATOR');
    renderAt('/admin', routes);
    expect(await screen.findByText(/This page is for the role Administrator/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rebuild every view' })).not.toBeInTheDocument();
  });

  test('the token page is for an ADMIN only, and asks nothing of the API for anyone else', async () => {
    const asked: string[] = [];
    server.use(http.get('*/api/admin/tokens', ({ request }) => { asked.push(request.url); return HttpResponse.json([]); }));
    signedInAs('olga', 'OPERATOR');
    renderAt('/admin/tokens', routes);
    expect(await screen.findByText(/This page is for the role Administrator/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create the token' })).not.toBeInTheDocument();
    expect(asked).toEqual([]);
  });
});
