import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, must, type Problem } from '../../api/client';
import { keys } from '../../api/queries';
import type { BackupReceipt, EnvironmentView } from '../../api/types';
import { Time } from '../../format/Time';
import { localInstant, sentence } from '../../format/format';
import { formPath, type FieldError } from './values';

interface BackupValues {
  backupId: string;
  takenAt: string;
  lateReport: boolean;
}

const FIELDS = ['backupId', 'takenAt', 'lateReport'];

/**
 * ADMIN: a backup taken outside Rehearsal, recorded by hand (a backup tool reports its own with a token). The
 * taken-at time is typed in the viewer's time zone and sent as an instant.
 */
export function RecordBackup({ env }: { env: EnvironmentView }) {
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<{ problem: Problem; unplaced: FieldError[] } | null>(null);
  const form = useForm<BackupValues>({
    initialValues: { backupId: '', takenAt: '', lateReport: false },
    validate: { takenAt: (v) => (v && !localInstant(v) ? 'Enter a date and time.' : null) },
  });
  const record = useMutation({
    mutationFn: (v: BackupValues) => must<BackupReceipt>(api.POST('/api/environments/{envId}/backups', {
      params: { path: { envId: env.id } },
      body: { backupId: v.backupId.trim(), takenAt: localInstant(v.takenAt), ...(v.lateReport ? { lateReport: true } : {}) },
    })),
    onSuccess: async () => {
      form.reset();
      await client.invalidateQueries({ queryKey: keys.environment(env.id) });
      await client.invalidateQueries({ queryKey: keys.environments, exact: true });
    },
    onError: (error) => {
      const problem: Problem = error instanceof ApiError ? error.problem : { detail: error.message };
      const unplaced: FieldError[] = [];
      const placed: Record<string, string> = {};
      for (const e of problem.errors ?? []) {
        const path = formPath(e.field);
        if (FIELDS.includes(path)) placed[path] = placed[path] ? `${placed[path]} ${sentence(e.message)}` : sentence(e.message);
        else unplaced.push(e);
      }
      form.setErrors(placed);
      // a short form: errors under their fields say it all
      if (problem.errors?.length && !unplaced.length) return setRefusal(null);
      // a refusal without errors that names one field still belongs next to it (the API's detail names it)
      if (!problem.errors?.length) {
        const named = FIELDS.find((f) => new RegExp(`\\b${f}\\b`).test(problem.detail ?? ''));
        if (named && error instanceof ApiError && error.status === 422) {
          form.setFieldError(named, problem.detail);
          return setRefusal(null);
        }
      }
      setRefusal({ problem, unplaced });
    },
  });
  const receipt = record.data;
  return (
    <Card withBorder id="backup">
      <form noValidate aria-label="Record a backup" onSubmit={form.onSubmit((v) => { setRefusal(null); record.mutate(v); })}>
        <Stack>
          <div>
            <Title order={2} size="h4">Record a backup</Title>
            <Text size="sm" c="dimmed">
              A test restores the last recorded backup. Backup tools report theirs with a token of the role Backup agent; this records one by hand.
            </Text>
          </div>
          {refusal && (
            <Alert color="red" title="Not recorded" role="alert">
              {refusal.problem.detail ?? 'The server refused the backup.'}
              {refusal.unplaced.map((e) => <Text key={e.field} size="sm"><code>{e.field}</code>: {e.message}</Text>)}
            </Alert>
          )}
          <Group align="flex-start" grow>
            <TextInput label="Backup id" withAsterisk autoComplete="off" description="The backup tool's own id; unique per environment."
              {...form.getInputProps('backupId')} />
            <TextInput type="datetime-local" step={1} label="Taken at" withAsterisk description="In your time zone; not in the future."
              {...form.getInputProps('takenAt')} />
          </Group>
          <Checkbox label="Late report"
            description="Tick for a backup older than the last one recorded (a report that arrives late, e.g. after an outage of the backup tool). It is kept in the record, but the last backup stays the newer one; without the tick an older backup is refused."
            {...form.getInputProps('lateReport', { type: 'checkbox' })} />
          <Group justify="space-between">
            <Text size="sm" role="status" aria-live="polite">
              {receipt && !record.isPending && (
                <>Recorded {receipt.backupId}, taken <Time value={receipt.takenAt} />. The last backup is now {receipt.lastBackup?.backupId}.</>
              )}
            </Text>
            <Button type="submit" loading={record.isPending}>Record the backup</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
