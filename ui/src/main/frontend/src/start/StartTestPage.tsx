import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Card, Checkbox, Group, Modal, Stack, Stepper, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, must } from '../api/client';
import { keys, useEnvironment, usePreconditions } from '../api/queries';
import type { Preconditions } from '../api/types';
import { fromNow, isoDuration, words } from '../format/format';
import { Time } from '../format/Time';
import { Loaded } from '../layout/states';
import { REASON_LIMIT } from '../report/ReportEditor';

type Where = 'preconditions' | 'name' | 'general';
interface Refusal { where: Where; message: string }

/**
 * Starting a test takes two deliberate steps, as a real failover should: every precondition acknowledged with the
 * backup and the data that will be lost spelled out, then the environment's name typed exactly in a dialog.
 */
export function StartTestPage() {
  const { envId = '' } = useParams();
  const environment = useEnvironment(envId);
  const preconditions = usePreconditions(envId);
  return (
    <Loaded query={environment} what="the environment">
      {(env) => (
        <Loaded query={preconditions} what="the preconditions">
          {(p) => <StartTestWizard envId={envId} displayName={env.displayName ?? ''} purpose={env.purpose} preconditions={p} />}
        </Loaded>
      )}
    </Loaded>
  );
}

export function StartTestWizard({ envId, displayName, purpose, preconditions }: {
  envId: string; displayName: string; purpose?: string; preconditions: Preconditions;
}) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [ticked, setTicked] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // the backup the operator acknowledged losing data after; a newer one changes the window and needs a new look
  const [acknowledgedBackup, setAcknowledgedBackup] = useState(preconditions.lastBackup?.backupId);
  const items = preconditions.preconditions ?? [];
  const ids = items.map((i) => i.id ?? '');
  const allTicked = ids.length > 0 && ids.every((id) => ticked.includes(id));
  const exact = typed === displayName;

  // a precondition list that changed (a new configuration) drops acknowledgements of ones no longer asked
  useEffect(() => setTicked((t) => t.filter((id) => ids.includes(id))), [ids.join('|')]); // the list's content, not its identity

  function openConfirmation() {
    setRefusal(null);
    setTyped('');
    setAcknowledgedBackup(preconditions.lastBackup?.backupId);
    setConfirming(true);
  }

  async function start() {
    setStarting(true);
    setRefusal(null);
    try {
      // the data-loss window is what was acknowledged: if a newer backup arrived since, say so and start nothing
      const current = await must<Preconditions>(api.GET('/api/environments/{envId}/preconditions', { params: { path: { envId } } }));
      client.setQueryData(keys.preconditions(envId), current);
      if (current.lastBackup?.backupId !== acknowledgedBackup) {
        setConfirming(false);
        setTicked((t) => t.filter((id) => id !== 'data-loss'));
        setRefusal({ where: 'preconditions', message: `A newer backup was taken (${new Date(current.lastBackup?.takenAt ?? '').toLocaleString()}), so the data-loss window changed. Review it and acknowledge again; nothing was started.` });
        return;
      }
      const started = await must(api.POST('/api/environments/{envId}/dr-tests', {
        params: { path: { envId } },
        body: { acknowledgedPreconditions: ticked, confirmationName: typed, ...(reason.trim() ? { reason } : {}) },
      }));
      await client.invalidateQueries({ queryKey: keys.environments });
      navigate(`/tests/${started.testId}`);
    } catch (error) {
      const refusal = toRefusal(error);
      if (refusal.where === 'preconditions') {
        setConfirming(false);
        await client.invalidateQueries({ queryKey: keys.preconditions(envId) });
      }
      if (refusal.where === 'general') {
        setConfirming(false);
        await client.invalidateQueries({ queryKey: keys.environment(envId) });
      }
      setRefusal(refusal);
    } finally {
      setStarting(false);
    }
  }

  return (
    <Stack maw={820}>
      <div>
        <Anchor component={Link} to={`/environments/${envId}`} size="sm">{displayName}</Anchor>
        <Title order={1}>Start a DR test</Title>
      </div>
      <Stepper active={confirming ? 1 : 0} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label="Acknowledge" description="every precondition" />
        <Stepper.Step label="Confirm" description="type the name" />
      </Stepper>
      <Alert color="red" variant="light" role="note" title="The environment will be unavailable, and the test cannot be stopped">
        {displayName} ({words(purpose)}) fails over into its DR region with the same automated process as a real disaster:
        a new network, the database restored from the last backup, new front-ends and DNS. Until the test ends the
        environment is unavailable; once started, nothing stops it.
      </Alert>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">The data that will be lost</Title>
        {preconditions.lastBackup ? (
          <Text>
            The database is restored from the last backup, <b>{preconditions.lastBackup.backupId}</b>, taken <Time value={preconditions.lastBackup.takenAt} /> ({fromNow(preconditions.lastBackup.takenAt)}).
            Everything the application changed after it, <b>{isoDuration(preconditions.dataLossWindow)}</b> of data until now, is lost irreversibly.
          </Text>
        ) : (
          <Text c="red">There is no backup yet: a test cannot start.</Text>
        )}
      </Card>
      <Card withBorder>
        <Checkbox.Group label="Acknowledge every precondition" value={ticked} onChange={setTicked} withAsterisk
          error={refusal?.where === 'preconditions' ? refusal.message : undefined}>
          <Stack gap="sm" mt="sm">
            {items.map((i) => <Checkbox key={i.id} value={i.id ?? ''} label={i.text} />)}
          </Stack>
        </Checkbox.Group>
        <Textarea mt="md" label="Reason for the test (optional)" description={`Recorded in the report; at most ${REASON_LIMIT} characters.`}
          value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2}
          error={reason.length > REASON_LIMIT ? `At most ${REASON_LIMIT} characters (now ${reason.length}).` : undefined} />
      </Card>
      {refusal?.where === 'general' && <Alert color="red" title="Not started" role="alert">{refusal.message}</Alert>}
      <Group justify="flex-end">
        <Button component={Link} to={`/environments/${envId}`} variant="default">Cancel</Button>
        <Button onClick={openConfirmation} disabled={!allTicked || !preconditions.lastBackup || reason.length > REASON_LIMIT}>
          Continue to confirmation
        </Button>
      </Group>
      {!allTicked && <Text size="sm" c="dimmed" ta="right">{ticked.length} of {ids.length} preconditions acknowledged.</Text>}

      <Modal opened={confirming} onClose={() => !starting && setConfirming(false)} title="Confirm the DR test" size="lg">
        <form onSubmit={(e) => { e.preventDefault(); if (exact) void start(); }}>
          <Stack>
            <Text>
              This makes <b>{displayName}</b> unavailable and cannot be stopped. Data changed after the backup of{' '}
              <Time value={preconditions.lastBackup?.takenAt} /> is lost.
            </Text>
            <TextInput label={`Type the environment's name, ${displayName}, to confirm`} value={typed} autoComplete="off" data-autofocus
              onChange={(e) => { setTyped(e.currentTarget.value); if (refusal?.where === 'name') setRefusal(null); }}
              error={refusal?.where === 'name' ? refusal.message : typed && !exact && !displayName.startsWith(typed) ? 'The name does not match (it must be typed exactly, with the same case).' : undefined} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)} disabled={starting}>Back</Button>
              <Button type="submit" color="red" disabled={!exact} loading={starting}>Start the DR test</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

/** Where the API's refusal belongs on the page: the checklist, the typed name, or the start as a whole. */
function toRefusal(error: unknown): Refusal {
  if (!(error instanceof ApiError)) {
    return { where: 'general', message: error instanceof Error ? error.message : String(error) };
  }
  const detail = error.problem.detail ?? error.message;
  if (error.status === 422 && /precondition/i.test(detail)) return { where: 'preconditions', message: detail };
  if (error.status === 422 && /name/i.test(detail)) return { where: 'name', message: detail };
  return { where: 'general', message: `${detail}${error.status === 409 ? ' Nothing was started.' : ''}` };
}
