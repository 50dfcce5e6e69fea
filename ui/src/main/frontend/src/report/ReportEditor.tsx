import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, must } from '../api/client';
import { useReport } from '../api/queries';
import type { ReportResult } from '../api/types';
import { words } from '../format/format';
import { Loading, Failure } from '../layout/states';

export const REASON_LIMIT = 500;
export const OBSERVATIONS_LIMIT = 10_000;
const RESULTS: ReportResult[] = ['NOT_EVALUATED', 'SUCCESSFUL', 'SUCCESSFUL_WITH_ISSUES', 'UNSUCCESSFUL'];
type Fields = { reason: string; result: ReportResult; observations: string };
const FIELDS: (keyof Fields)[] = ['reason', 'result', 'observations'];

/**
 * The three attributes of a report an OPERATOR edits: the test's reason, the customer's own verdict, and
 * observations. Unsaved changes are marked; the API's refusal is shown next to the field it names.
 */
export function ReportEditor({ testId, onSaved }: { testId: string; onSaved?: () => void }) {
  const report = useReport(testId);
  const client = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Fields>({
    initialValues: { reason: '', result: 'NOT_EVALUATED', observations: '' },
    validate: {
      reason: (v) => (v.length > REASON_LIMIT ? `At most ${REASON_LIMIT} characters (now ${v.length}).` : null),
      observations: (v) => (v.length > OBSERVATIONS_LIMIT ? `At most ${OBSERVATIONS_LIMIT.toLocaleString()} characters (now ${v.length.toLocaleString()}).` : null),
    },
  });

  const loaded = report.data;
  useEffect(() => {
    if (loaded && !form.isDirty()) {
      const values: Fields = {
        reason: loaded.reason ?? '',
        result: (loaded.result ?? 'NOT_EVALUATED') as ReportResult,
        observations: loaded.observations ?? '',
      };
      form.setInitialValues(values);
      form.setValues(values);
    }
    // only a newly loaded report version resets the form, never a keystroke
  }, [loaded?.version]);

  const save = useMutation({
    mutationFn: (values: Fields) =>
      must(api.PUT('/api/dr-tests/{testId}/report', { params: { path: { testId } }, body: values })),
    onSuccess: async (_data, values) => {
      form.setInitialValues(values);
      form.resetDirty(values);
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['tests', testId] });
      await client.invalidateQueries({ queryKey: ['history'] });
      onSaved?.();
    },
    onError: (error) => {
      setSaved(false);
      if (!(error instanceof ApiError)) return setFormError(error.message);
      const problem = error.problem;
      const perField = problem.errors?.filter((e) => FIELDS.includes(e.field as keyof Fields)) ?? [];
      if (perField.length) {
        perField.forEach((e) => form.setFieldError(e.field, e.message));
        return setFormError(null);
      }
      // a detail that names one field belongs next to it
      const named = FIELDS.find((f) => new RegExp(`\\b${f}\\b`, 'i').test(problem.detail ?? ''));
      if (named) {
        form.setFieldError(named, problem.detail ?? 'Not accepted.');
        return setFormError(null);
      }
      setFormError(problem.detail ?? error.message);
    },
  });

  if (report.isPending) return <Loading what="the report" />;
  if (report.isError) return <Failure error={report.error} what="the report" />;

  const dirty = form.isDirty();
  return (
    <form onSubmit={form.onSubmit((v) => { setFormError(null); setSaved(false); save.mutate(v); })} aria-label="Report attributes" noValidate>
      <Stack>
        <Textarea label="Test reason" description={`Why this test was run; at most ${REASON_LIMIT} characters.`} autosize minRows={2}
          {...form.getInputProps('reason')} />
        <Select label="Result" description="The customer's own verdict, not the technical status of the failover."
          data={RESULTS.map((r) => ({ value: r, label: words(r) }))} allowDeselect={false} {...form.getInputProps('result')} />
        <Textarea label="Additional observations" autosize minRows={4} maxRows={14} {...form.getInputProps('observations')} />
        {formError && <Alert color="red" title="Not saved" role="alert">{formError}</Alert>}
        <Group justify="space-between">
          <Text size="sm" c={dirty ? 'orange' : 'dimmed'} role="status" aria-live="polite">
            {dirty ? 'Unsaved changes' : saved ? 'Saved' : 'No changes'}
          </Text>
          <Group gap="xs">
            <Button variant="default" disabled={!dirty || save.isPending} onClick={() => form.reset()}>Discard changes</Button>
            <Button type="submit" disabled={!dirty} loading={save.isPending}>Save</Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
