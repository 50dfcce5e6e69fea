import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, must, type Problem } from '../../api/client';
import { keys, useEnvironment } from '../../api/queries';
import type { EnvironmentView } from '../../api/types';
import { words } from '../../format/format';
import { Time } from '../../format/Time';
import { Loaded } from '../../layout/states';
import { ConfigurationFields, RefusalAlert, RegionFields, TargetsFields } from './EnvironmentFields';
import { RecordBackup } from './RecordBackup';
import { RetireEnvironment } from './RetireEnvironment';
import { fromView, placeErrors, toConfiguration, toTargets, validateNumbers, type EnvironmentForm, type EnvironmentValues, type FieldError } from './values';

/**
 * ADMIN: one environment's upkeep, each part saved on its own as the API takes it: configuration, targets,
 * disaster recovery, a backup to record, and its retirement.
 */
export function EditEnvironmentPage() {
  const { envId = '' } = useParams();
  const environment = useEnvironment(envId);
  return (
    <Loaded query={environment} what="the environment">
      {(env) => (
        <Stack maw={900}>
          <div>
            <Group gap="xs">
              <Anchor component={Link} to="/admin/environments" size="sm">Manage environments</Anchor>
              <Text size="sm" c="dimmed" aria-hidden>·</Text>
              <Anchor component={Link} to={`/environments/${env.id}`} size="sm">The environment's page</Anchor>
            </Group>
            <Title order={1}>{env.displayName}</Title>
            <Text c="dimmed" size="sm">{env.id} · {words(env.purpose)} · runs in {env.region}</Text>
          </div>
          {env.retired ? (
            <Alert color="gray" title="Retired" role="note">
              Retired <Time value={env.retiredAt} />. A retired environment takes no tests and no changes; it stays in the
              history, the audit trail and compliance.
            </Alert>
          ) : (
            <>
              {env.activeTestId && (
                <Alert color="blue" role="note" title="A test is running">
                  A change of configuration or targets applies from the next test on; disaster recovery and retirement wait until this
                  one ends. <Anchor component={Link} to={`/tests/${env.activeTestId}`}>Follow the test</Anchor>
                </Alert>
              )}
              <EditCard env={env} id="configuration" title="Configuration" shown={['configuration']}
                description="What a failover rebuilds in the DR region and the parity check compares. A running test keeps the configuration it started with."
                send={(v) => must<EnvironmentView>(api.PUT('/api/environments/{envId}/configuration', { params: { path: { envId: env.id } }, body: toConfiguration(v.configuration) }))}>
                {(form) => <ConfigurationFields form={form} />}
              </EditCard>
              <EditCard env={env} id="targets" title="Targets" shown={['targets']}
                send={(v) => must<EnvironmentView>(api.PUT('/api/environments/{envId}/targets', { params: { path: { envId: env.id } }, body: toTargets(v.targets) }))}>
                {(form) => <TargetsFields form={form} />}
              </EditCard>
              <EditCard env={env} id="dr" title="Disaster recovery" shown={['drEnabled', 'drRegion']}
                description={`It runs in ${env.region}. Refused while a test runs.`}
                send={(v) => must<EnvironmentView>(api.PUT('/api/environments/{envId}/dr', { params: { path: { envId: env.id } }, body: { drEnabled: v.drEnabled, drRegion: v.drRegion.trim() || undefined } }))}>
                {(form) => <RegionFields form={form} region={false} />}
              </EditCard>
              <RecordBackup env={env} />
              <RetireEnvironment env={env} />
            </>
          )}
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">Recorded</Title>
            <Table variant="vertical" layout="fixed" aria-label="Recorded state">
              <Table.Tbody>
                <Table.Tr><Table.Th w="40%">Version</Table.Th><Table.Td>{env.version}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th>Last backup</Table.Th><Table.Td>{env.lastBackup ? <><Time value={env.lastBackup.takenAt} /> ({env.lastBackup.backupId})</> : 'none yet'}</Table.Td></Table.Tr>
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      )}
    </Loaded>
  );
}

/** A part of the environment as a form of its own, prefilled from the API; a newer version refills it while untouched. */
function EditCard({ env, id, title, description, shown, send, children }: {
  env: EnvironmentView; id: string; title: string; description?: string; shown: string[];
  send: (values: EnvironmentValues) => Promise<EnvironmentView>; children: (form: EnvironmentForm) => ReactNode;
}) {
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<{ problem: Problem; unplaced: FieldError[] } | null>(null);
  const [saved, setSaved] = useState(false);
  const [dirty, setDirty] = useState(false);
  // uncontrolled: a keystroke re-renders its input, not the whole card; whether anything changed is kept here
  const form = useForm<EnvironmentValues>({
    mode: 'uncontrolled', initialValues: fromView(env), validate: validateNumbers,
    onValuesChange: (values) => setDirty(JSON.stringify(values) !== JSON.stringify(form.getInitialValues())),
  });

  function refill(view: EnvironmentView) {
    form.setInitialValues(fromView(view));
    form.setValues(fromView(view));
    form.resetDirty(fromView(view));
    setDirty(false);
  }

  useEffect(() => {
    if (!dirty) refill(env);
    // a newly loaded version refills the form, never a keystroke
  }, [env.version]);

  const save = useMutation({
    mutationFn: send,
    onSuccess: async (updated) => {
      refill(updated);
      setSaved(true);
      client.setQueryData(keys.environment(updated.id), updated);
      await client.invalidateQueries({ queryKey: keys.environments, exact: true });
      await client.invalidateQueries({ queryKey: ['compliance'] });
    },
    onError: (error) => { setSaved(false); setRefusal(placeErrors(form, error, shown)); },
  });

  return (
    // an id to link to: /admin/environments/{id}/edit#targets
    <Card withBorder id={id}>
      <form noValidate aria-label={title} onSubmit={form.onSubmit((v) => { setRefusal(null); setSaved(false); save.mutate(v); })}>
        <Stack>
          <div>
            <Title order={2} size="h4">{title}</Title>
            {description && <Text size="sm" c="dimmed">{description}</Text>}
          </div>
          {refusal && <RefusalAlert title={`${title}: not saved`} {...refusal} />}
          {children(form)}
          <Group justify="space-between">
            <Text size="sm" c={dirty ? 'orange' : 'dimmed'} role="status" aria-live="polite">
              {dirty ? 'Unsaved changes' : saved ? 'Saved' : 'No changes'}
            </Text>
            <Group gap="xs">
              <Button variant="default" disabled={!dirty || save.isPending} onClick={() => { refill(env); form.clearErrors(); setRefusal(null); }}>Discard changes</Button>
              <Button type="submit" disabled={!dirty} loading={save.isPending}>Save {title.toLowerCase()}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
