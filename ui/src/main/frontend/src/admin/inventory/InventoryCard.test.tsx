import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderAt, signedInAs } from '../../test/render';
import { server } from '../../test/server';
import { InventoryCard } from './InventoryCard';

const YAML = 'environments:\n  - id: acme-new\n    displayName: ACME New\n';

const PLAN = (dryRun: boolean) => ({
  source: 'the request body', dryRun,
  environments: [
    { environmentId: 'acme-new', action: 'REGISTER', changes: [], notApplied: [] },
    { environmentId: 'acme-preprod', action: 'CHANGE', changes: ['configuration', 'targets'], notApplied: ['displayName: a rename is not applied'] },
    { environmentId: 'acme-dev', action: 'NOT_IN_FILE', changes: [], notApplied: [] },
  ],
});

interface Sent { dryRun: string | null; contentType: string | null; body: string }

function serve(answer: (dryRun: boolean) => Response) {
  const sent: Sent[] = [];
  server.use(
    http.post('*/api/admin/inventory/apply', async ({ request }) => {
      const dryRun = new URL(request.url).searchParams.get('dryRun');
      sent.push({ dryRun, contentType: request.headers.get('Content-Type'), body: await request.text() });
      return answer(dryRun === 'true');
    }),
    http.get('*/api/environments', () => HttpResponse.json([])),
  );
  return sent;
}

function renderCard() {
  signedInAs('ada', 'ADMIN');
  return renderAt('/admin', [{ path: '/admin', element: <InventoryCard /> }]);
}

describe('the inventory file', () => {
  test('previews the plan as a table, and applies the file only after that preview', async () => {
    const sent = serve((dryRun) => HttpResponse.json(PLAN(dryRun)));
    const user = userEvent.setup();
    renderCard();
    const field = await screen.findByRole('textbox', { name: 'Inventory (YAML)' });
    await user.click(field);
    await user.paste(YAML);
    const apply = screen.getByRole('button', { name: 'Apply' });
    expect(apply).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Preview' }));

    const table = await screen.findByRole('table', { name: 'Inventory plan' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['acme-new', 'RegisterWill be registered.', '—', '—'],
      ['acme-preprod', 'ChangeWill be changed as listed.', 'configurationtargets', 'displayName: a rename is not applied'],
      ['acme-dev', 'Not in the fileOnly in Rehearsal: kept as it is (a file never retires an environment).', '—', '—'],
    ]);
    expect(screen.getByText(/Nothing is recorded until you apply it/)).toBeInTheDocument();
    expect(sent).toEqual([{ dryRun: 'true', contentType: 'application/yaml', body: YAML }]);

    // a file changed after its preview must be previewed again
    await user.type(field, '#');
    expect(apply).toBeDisabled();
    await user.type(field, '{Backspace}');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('table', { name: 'Inventory plan' });
    expect(apply).toBeEnabled();
    await user.click(apply);

    expect(await screen.findByRole('table', { name: 'Inventory applied' })).toHaveTextContent('Registered.');
    expect(sent.map((s) => s.dryRun)).toEqual(['true', 'true', 'false']);
    expect(sent[2].body).toBe(YAML);
  });

  test("lists a 422's errors with their paths, and offers nothing to apply", async () => {
    serve(() => HttpResponse.json({
      status: 422, detail: 'The inventory has 2 invalid fields.',
      errors: [
        { field: 'environments[1].configuration.network.vpcCidr', message: "'8.8.8.0/24' is not a private range." },
        { field: 'environments[0].targets.rto', message: 'is PT0S; the recovery time objective must be longer than zero.' },
      ],
    }, { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    const user = userEvent.setup();
    renderCard();
    await user.click(await screen.findByRole('textbox', { name: 'Inventory (YAML)' }));
    await user.paste(YAML);
    await user.click(screen.getByRole('button', { name: 'Preview' }));

    const alert = await screen.findByRole('alert', { name: 'No preview' });
    expect(alert).toHaveTextContent('The inventory has 2 invalid fields. Nothing was recorded.');
    expect(within(within(alert).getByRole('list', { name: 'Problems in the file' })).getAllByRole('listitem').map((i) => i.textContent)).toEqual([
      "environments[1].configuration.network.vpcCidr: '8.8.8.0/24' is not a private range.",
      'environments[0].targets.rto: is PT0S; the recovery time objective must be longer than zero.',
    ]);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  });
});
