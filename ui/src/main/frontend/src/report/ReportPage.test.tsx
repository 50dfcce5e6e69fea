import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import type { DrTestReport } from '../api/types';
import { renderAt, signedInAs } from '../test/render';
import { server } from '../test/server';
import { ReportPage } from './ReportPage';

const AT = '2026-12-01T10:00:00Z';

function report(parity: DrTestReport['parity']): DrTestReport {
  const kept = { errorMonitoring: true, hipaaMode: false, logSeparation: true, wafIpRules: [], externalConnections: [] };
  return {
    testId: 't-1', environmentId: 'acme-preprod', environmentName: 'ACME Pre-Production', status: 'COMPLETED',
    startedBy: 'olga', startedAt: AT, endedAt: AT, sourceRegion: 'eu-west-1', drRegion: 'eu-central-1',
    backup: { backupId: 'bkp-1', takenAt: AT }, steps: [], targets: { rto: 'PT4H', rpo: 'PT24H', testIntervalDays: 365 },
    automatedRto: 'PT1M', automatedRtoVerdict: 'MET', fullRtoVerdict: 'PENDING', rpo: 'PT10M', rpoVerdict: 'MET',
    parity, keptConfiguration: kept, nextSteps: [], result: 'NOT_EVALUATED', edits: [], version: 20,
    sourceConfiguration: {
      database: { engine: 'postgres', engineVersion: '16.4', instanceClass: 'db.r6g.large', storageGb: 200 },
      frontEnds: { count: 2, instanceType: 'm6i.large', storageGb: 50 }, network: { vpcCidr: '10.20.0.0/16' }, kept,
    },
  };
}

describe('the report page', () => {
  test('shows an item that differs from the source as a finding above the parity table', async () => {
    signedInAs('ada', 'AUDITOR');
    server.use(http.get('*/api/dr-tests/t-1/report', () => HttpResponse.json(report([
      { item: 'database.engine', source: 'postgres', target: 'postgres', match: true },
      { item: 'database.instanceClass', source: 'db.r6g.large', target: 'db.t3.micro', match: false },
    ]))));
    renderAt('/tests/t-1/report', [{ path: '/tests/:testId/report', element: <ReportPage /> }]);

    const finding = (await screen.findByText('1 finding')).closest('[role="status"]');
    expect(finding).toHaveTextContent('Differs from the source: database.instanceClass.');
    const row = within(screen.getByRole('table', { name: 'Configuration parity' })).getByText('db.t3.micro').closest('tr');
    expect(row).toHaveTextContent('Differs');
  });

  test('says there are no findings when every item matches', async () => {
    signedInAs('ada', 'AUDITOR');
    server.use(http.get('*/api/dr-tests/t-1/report', () => HttpResponse.json(report([
      { item: 'database.engine', source: 'postgres', target: 'postgres', match: true },
    ]))));
    renderAt('/tests/t-1/report', [{ path: '/tests/:testId/report', element: <ReportPage /> }]);

    expect(await screen.findByText('No findings: every item matches the source.')).toBeInTheDocument();
    expect(screen.queryByText(/Differs from the source/)).not.toBeInTheDocument();
  });
});
