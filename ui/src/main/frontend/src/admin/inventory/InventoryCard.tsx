import { useState } from 'react';
import { Alert, Badge, Button, Card, FileButton, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconUpload } from '@tabler/icons-react';
import { api, ApiError, must } from '../../api/client';
import type { InventoryPlan, InventoryPlanItem } from '../../api/types';
import { words } from '../../format/format';

const COLORS: Record<InventoryPlanItem['action'], string> = {
  REGISTER: 'green', CHANGE: 'blue', UNCHANGED: 'gray', NOT_IN_FILE: 'yellow', RETIRED: 'gray',
};

/** What each action means, before and after the file is applied. */
function meaning(action: InventoryPlanItem['action'], dryRun: boolean): string {
  switch (action) {
    case 'REGISTER': return dryRun ? 'Will be registered.' : 'Registered.';
    case 'CHANGE': return dryRun ? 'Will be changed as listed.' : 'Changed as listed.';
    case 'UNCHANGED': return 'The file says what Rehearsal has.';
    case 'NOT_IN_FILE': return 'Only in Rehearsal: kept as it is (a file never retires an environment).';
    case 'RETIRED': return 'Retired in Rehearsal: left as it is.';
  }
}

function send(yaml: string, dryRun: boolean) {
  return must<InventoryPlan>(api.POST('/api/admin/inventory/apply', {
    params: { query: { dryRun } },
    // empty: the server applies its configured file
    body: yaml,
    bodySerializer: (body: string) => body,
    headers: { 'Content-Type': 'application/yaml' },
  }));
}

/**
 * ADMIN: an inventory file, pasted or uploaded, previewed as the plan of what it would register and change, and
 * applied only after that preview, as it was previewed.
 */
export function InventoryCard() {
  const client = useQueryClient();
  const [yaml, setYaml] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: (text: string) => send(text, true),
    onSuccess: (_plan, text) => setPreviewed(text),
    onError: () => setPreviewed(null),
  });
  const apply = useMutation({
    mutationFn: (text: string) => send(text, false),
    onSuccess: async () => {
      setPreviewed(null);
      await client.invalidateQueries({ queryKey: ['environments'] });
      await client.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
  const current = apply.data ?? preview.data;
  const failure = apply.error ?? preview.error;
  const canApply = previewed === yaml && Boolean(preview.data?.environments.some((e) => e.action === 'REGISTER' || e.action === 'CHANGE'));

  function edit(text: string) {
    setYaml(text);
    apply.reset();
    if (text !== previewed) preview.reset();
  }

  async function upload(file: File | null) {
    if (!file) return;
    setFileName(file.name);
    edit(await file.text());
  }

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">Inventory file</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Environments as code: a YAML file with <code>environments:</code>, each like the body that registers one (with an optional
        <code> backups</code> list). Applying it registers what is new and changes what differs; it never retires an environment the
        file leaves out. Leave the field empty to use the file Rehearsal is configured with (<code>rehearsal.inventory.file</code>).
      </Text>
      <Stack>
        <Textarea label="Inventory (YAML)" autosize minRows={6} maxRows={20} value={yaml} spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          description={fileName ? `From ${fileName}; edit it here if need be.` : 'Paste the file, or upload it.'}
          onChange={(e) => { setFileName(null); edit(e.currentTarget.value); }} />
        <Group justify="space-between">
          <FileButton onChange={upload} accept=".yaml,.yml,application/yaml,application/x-yaml,text/yaml,text/plain">
            {(props) => <Button {...props} variant="default" leftSection={<IconUpload size={16} aria-hidden />}>Upload a YAML file</Button>}
          </FileButton>
          <Group gap="xs">
            <Button variant="default" onClick={() => { apply.reset(); preview.mutate(yaml); }} loading={preview.isPending}>Preview</Button>
            <Button onClick={() => apply.mutate(yaml)} disabled={!canApply} loading={apply.isPending}>Apply</Button>
          </Group>
        </Group>
        {!canApply && !apply.data && (
          <Text size="xs" c="dimmed" ta="right">
            {previewed === yaml && preview.data ? 'The file changes nothing: there is nothing to apply.' : 'Apply is offered after a preview of the file as it is now.'}
          </Text>
        )}
        {failure && <InventoryRefusal error={failure} what={apply.error ? 'Not applied' : 'No preview'} />}
        {current && <PlanTable plan={current} />}
      </Stack>
    </Card>
  );
}

function InventoryRefusal({ error, what }: { error: Error; what: string }) {
  const errors = error instanceof ApiError ? error.problem.errors ?? [] : [];
  return (
    <Alert color="red" title={what} role="alert">
      <Text size="sm">{error.message}{errors.length > 0 && ' Nothing was recorded.'}</Text>
      {errors.length > 0 && (
        <List size="sm" mt="xs" aria-label="Problems in the file">
          {errors.map((e) => <List.Item key={`${e.field}:${e.message}`}><code>{e.field}</code>: {e.message}</List.Item>)}
        </List>
      )}
    </Alert>
  );
}

export function PlanTable({ plan }: { plan: InventoryPlan }) {
  const counts = plan.environments.reduce<Record<string, number>>((c, e) => ({ ...c, [e.action]: (c[e.action] ?? 0) + 1 }), {});
  return (
    <Stack gap="xs">
      <Text size="sm" role="status">
        <b>{plan.dryRun ? 'Preview' : 'Applied'}</b> of {plan.source}:{' '}
        {Object.entries(counts).map(([action, n]) => `${words(action).toLowerCase()} ${n}`).join(', ') || 'no environments'}.
        {plan.dryRun && ' Nothing is recorded until you apply it.'}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={plan.dryRun ? 'Inventory plan' : 'Inventory applied'} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Environment</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
              <Table.Th scope="col">Changes</Table.Th>
              <Table.Th scope="col">Not applied</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.environments.map((e) => (
              <Table.Tr key={e.environmentId}>
                <Table.Td><code>{e.environmentId}</code></Table.Td>
                <Table.Td>
                  <Badge color={COLORS[e.action]} variant="light" tt="none">{words(e.action)}</Badge>
                  <Text size="xs" c="dimmed">{meaning(e.action, plan.dryRun)}</Text>
                </Table.Td>
                <Table.Td>{e.changes.length ? <List size="sm">{e.changes.map((c) => <List.Item key={c}>{c}</List.Item>)}</List> : '—'}</Table.Td>
                <Table.Td>{e.notApplied.length ? <List size="sm">{e.notApplied.map((c) => <List.Item key={c}>{c}</List.Item>)}</List> : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
