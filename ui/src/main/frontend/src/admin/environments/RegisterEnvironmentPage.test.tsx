import { screen, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderAt, signedInAs } from '../../test/render';
import { server } from '../../test/server';
import { RegisterEnvironmentPage } from './RegisterEnvironmentPage';

function serve(answer: () => Response) {
  const sent: unknown[] = [];
  server.use(
    http.post('*/api/environments', async ({ request }) => {
      sent.push(await request.clone().json());
      return answer();
    }),
    http.get('*/api/environments', () => HttpResponse.json([])),
    http.get('*/api/reports/compliance', () => HttpResponse.json({ environments: [] })),
  );
  return sent;
}

function renderForm() {
  signedInAs('ada', 'ADMIN', 'OPERATOR', 'AUDITOR');
  return renderAt('/admin/environments/new', [
    { path: '/admin/environments/new', element: <RegisterEnvironmentPage /> },
    { path: '/environments/:envId', element: <p>environment page</p> },
  ]);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escaped = (text: string) => new RegExp(escape(text));
/** The input labelled so (a required one's label ends in an asterisk). */
const input = (label: string) => screen.getByLabelText(new RegExp(`^${escape(label)}( \\*)?$`), { selector: 'input' });

/** Text put into an input as one paste: what a user types, without a form's re-render per keystroke. */
async function fill(user: ReturnType<typeof userEvent.setup>, element: HTMLElement, text: string) {
  await user.click(element);
  await user.paste(text);
}

/** The inputs a registration needs that the form cannot default: what a user types before the first try. */
async function fillTheRest(user: ReturnType<typeof userEvent.setup>) {
  await fill(user, input('Id'), 'acme-new');
  await fill(user, input('Display name'), 'ACME New');
  await user.click(screen.getByRole('radio', { name: 'Pre-production' }));
  await fill(user, input('Region'), 'eu-west-1');
  await fill(user, input('Engine'), 'postgres');
  await fill(user, input('Engine version'), '16.4');
  await fill(user, input('Instance class'), 'db.r6g.large');
  await fill(user, input('Database storage (GB)'), '200');
  await fill(user, input('Instance type'), 'm6i.large');
  await fill(user, input('Storage per front-end (GB)'), '40');
  await fill(user, input('VPC CIDR'), '10.20.0.0/16');
}

// a whole environment typed in: dozens of inputs, slow in jsdom on a loaded machine, so more room than the default
const WHOLE_FORM = { timeout: 90_000 };

describe('registering an environment', () => {
  test("puts each of a 422's errors next to its field, and lists those without one above the form", WHOLE_FORM, async () => {
    const errors = [
      { field: 'displayName', message: "'ACME New' is the name of another active environment." },
      { field: 'configuration.network.vpcCidr', message: "'10.20.0.0/16' is not a private range: use one inside 10.0.0.0/8." },
      { field: 'configuration.kept.wafIpRules[1]', message: "'everyone' is no IPv4 CIDR block (e.g. 203.0.113.0/24)." },
      { field: 'configuration.kept.externalConnections[0].host', message: "'bad host' is no host name." },
      { field: 'targets.rto', message: 'is PT0S; the recovery time objective must be longer than zero.' },
      { field: 'configuration.database', message: 'is required.' },
      { field: 'flavour', message: 'is not a field of an environment.' },
    ];
    const sent = serve(() => HttpResponse.json({ status: 422, title: 'Unprocessable', detail: 'The environment has 7 invalid fields.', errors },
      { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderForm();
    await screen.findByRole('form', { name: 'Register an environment' });
    await fillTheRest(user);
    await user.click(screen.getByRole('button', { name: 'Add a WAF rule' }));
    await user.click(screen.getByRole('button', { name: 'Add a WAF rule' }));
    await fill(user, input('WAF rule 1'), '203.0.113.0/24');
    await fill(user, input('WAF rule 2'), 'everyone');
    await user.click(screen.getByRole('button', { name: 'Add an external connection' }));
    await fill(user, input('Connection 1 name'), 'warehouse');
    await fill(user, input('Connection 1 engine'), 'postgres');
    await fill(user, input('Connection 1 host'), 'bad host');
    await user.click(screen.getByRole('button', { name: 'Register the environment' }));

    const alert = await screen.findByRole('alert', { name: 'Not registered' });
    expect(sent).toHaveLength(1);
    expect(input('Display name')).toHaveAccessibleDescription(escaped("'ACME New' is the name of another active environment."));
    expect(input('Display name')).toHaveAttribute('aria-invalid', 'true');
    expect(input('VPC CIDR')).toHaveAccessibleDescription(escaped("'10.20.0.0/16' is not a private range"));
    expect(input('WAF rule 2')).toHaveAccessibleDescription(escaped("'everyone' is no IPv4 CIDR block"));
    expect(input('WAF rule 1')).not.toHaveAttribute('aria-invalid');
    expect(input('Connection 1 host')).toHaveAccessibleDescription(escaped("'bad host' is no host name."));
    expect(input('Connection 1 name')).not.toHaveAttribute('aria-invalid');
    const rto = screen.getByRole('group', { name: 'Recovery time objective (RTO)' });
    expect(rto).toHaveAccessibleDescription(escaped('Is PT0S; the recovery time objective must be longer than zero.'));
    expect(within(rto).getByRole('textbox', { name: 'RTO hours' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('group', { name: 'Recovery point objective (RPO)' })).not.toHaveTextContent('longer than zero');

    const others = within(alert).getByRole('list', { name: 'Other problems' });
    expect(within(others).getAllByRole('listitem').map((i) => i.textContent)).toEqual([
      'configuration.database: is required.',
      'flavour: is not a field of an environment.',
    ]);
    expect(alert).toHaveTextContent('The environment has 7 invalid fields.');
    expect(screen.queryByText('environment page')).not.toBeInTheDocument();
  });

  test('sends the environment as the API takes it, the targets as ISO-8601 durations, and opens its page', WHOLE_FORM, async () => {
    const sent = serve(() => HttpResponse.json({ id: 'acme-new' }, { status: 201 }));
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderForm();
    await screen.findByRole('form', { name: 'Register an environment' });
    await fillTheRest(user);
    await fill(user, input('DR region'), 'eu-central-1');
    await user.click(screen.getByRole('switch', { name: /Disaster recovery enabled/ }));
    await user.clear(input('Number of front-ends'));
    await fill(user, input('Number of front-ends'), '3');
    await user.click(screen.getByRole('checkbox', { name: 'HIPAA mode' }));
    await user.click(screen.getByRole('button', { name: 'Add a WAF rule' }));
    await fill(user, input('WAF rule 1'), '203.0.113.0/24');
    await user.click(screen.getByRole('button', { name: 'Add an external connection' }));
    await fill(user, input('Connection 1 name'), 'warehouse');
    await fill(user, input('Connection 1 engine'), 'postgres');
    await fill(user, input('Connection 1 host'), 'dwh.acme.example');
    const rto = within(screen.getByRole('group', { name: 'Recovery time objective (RTO)' }));
    await user.clear(rto.getByRole('textbox', { name: 'RTO hours' }));
    await fill(user, rto.getByRole('textbox', { name: 'RTO hours' }), '2');
    await user.clear(rto.getByRole('textbox', { name: 'RTO minutes' }));
    await fill(user, rto.getByRole('textbox', { name: 'RTO minutes' }), '30');
    const rpo = within(screen.getByRole('group', { name: 'Recovery point objective (RPO)' }));
    await user.clear(rpo.getByRole('textbox', { name: 'RPO hours' }));
    await fill(user, rpo.getByRole('textbox', { name: 'RPO hours' }), '0');
    await user.clear(rpo.getByRole('textbox', { name: 'RPO minutes' }));
    await fill(user, rpo.getByRole('textbox', { name: 'RPO minutes' }), '15');
    await user.clear(input('Test interval (days)'));
    await fill(user, input('Test interval (days)'), '30');
    await user.click(screen.getByRole('button', { name: 'Register the environment' }));

    expect(await screen.findByText('environment page')).toBeInTheDocument();
    expect(sent).toEqual([{
      id: 'acme-new', displayName: 'ACME New', purpose: 'PRE_PRODUCTION', region: 'eu-west-1', drRegion: 'eu-central-1', drEnabled: true,
      configuration: {
        database: { engine: 'postgres', engineVersion: '16.4', instanceClass: 'db.r6g.large', storageGb: 200 },
        frontEnds: { count: 3, instanceType: 'm6i.large', storageGb: 40 },
        network: { vpcCidr: '10.20.0.0/16' },
        kept: {
          errorMonitoring: false, hipaaMode: true, logSeparation: false, wafIpRules: ['203.0.113.0/24'],
          externalConnections: [{ name: 'warehouse', engine: 'postgres', host: 'dwh.acme.example' }],
        },
      },
      targets: { rto: 'PT2H30M', rpo: 'PT15M', testIntervalDays: 30 },
    }]);
  });

  test('sends nothing while a number is missing, and says which', async () => {
    const sent = serve(() => HttpResponse.json({ id: 'acme-new' }, { status: 201 }));
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderForm();
    await screen.findByRole('form', { name: 'Register an environment' });
    await user.click(screen.getByRole('button', { name: 'Register the environment' }));

    expect(await screen.findAllByText('Enter a number.')).toHaveLength(2);
    expect(input('Database storage (GB)')).toHaveAttribute('aria-invalid', 'true');
    expect(input('Storage per front-end (GB)')).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toEqual([]);
  });
});
