import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../api/client';
import type { NextStepId, NextStepView } from '../api/types';
import { StatusBadge } from '../format/badges';
import { words } from '../format/format';
import { Time } from '../format/Time';
import { useCan } from '../session/session';

type State = 'DONE' | 'NOT_APPLICABLE' | 'OPEN';

/** The mandatory next steps of a completed test, each closed by an OPERATOR as done or not applicable, with a note. */
export function NextStepsTable({ steps, testId }: { steps: NextStepView[]; testId?: string }) {
  const operator = useCan('OPERATOR');
  const [closing, setClosing] = useState<NextStepView | null>(null);
  const editable = operator && testId;
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label="Next steps" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Next step</Table.Th>
              <Table.Th scope="col">How</Table.Th>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
              <Table.Th scope="col">By</Table.Th>
              {editable && <Table.Th scope="col"><span aria-hidden /></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td><Text size="sm" fw={500}>{s.title}</Text></Table.Td>
                <Table.Td><Badge variant="outline" color={s.how === 'SUPPORT_CASE' ? 'grape' : 'blue'} tt="none">{words(s.how)}</Badge></Table.Td>
                <Table.Td><StatusBadge value={s.state} /></Table.Td>
                <Table.Td><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{s.note || '—'}</Text></Table.Td>
                <Table.Td>
                  {s.updatedBy ? <><Text size="sm">{s.updatedBy}</Text><Text size="xs"><Time value={s.updatedAt} /></Text></> : '—'}
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <Button size="xs" variant={s.state === 'OPEN' ? 'filled' : 'default'} onClick={() => setClosing(s)}
                      aria-label={`${s.state === 'OPEN' ? 'Close' : 'Change'}: ${s.title}`}>
                      {s.state === 'OPEN' ? 'Close…' : 'Change…'}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={closing !== null} onClose={() => setClosing(null)} title={closing?.title ?? ''}>
        {closing && testId && <CloseStepForm testId={testId} step={closing} onDone={() => setClosing(null)} />}
      </Modal>
    </>
  );
}

function CloseStepForm({ testId, step, onDone }: { testId: string; step: NextStepView; onDone: () => void }) {
  const client = useQueryClient();
  const form = useForm<{ state: State; note: string }>({
    initialValues: { state: step.state === 'OPEN' ? 'DONE' : (step.state as State), note: step.note ?? '' },
  });
  const save = useMutation({
    mutationFn: (v: { state: State; note: string }) => must(api.POST('/api/dr-tests/{testId}/next-steps/{stepId}', {
      params: { path: { testId, stepId: step.id as NextStepId } }, body: v,
    })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['tests', testId] });
      await client.invalidateQueries({ queryKey: ['history'] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <Radio.Group label="State" {...form.getInputProps('state')}>
          <Group mt="xs">
            <Radio value="DONE" label="Done" />
            <Radio value="NOT_APPLICABLE" label="Not applicable" />
            {step.state !== 'OPEN' && <Radio value="OPEN" label="Open again" />}
          </Group>
        </Radio.Group>
        <Textarea label="Note" description="What was done, or why it does not apply" autosize minRows={2} {...form.getInputProps('note')} />
        {save.isError && <Alert color="red" title="Not saved" role="alert">{save.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={save.isPending}>Save</Button>
        </Group>
      </Stack>
    </form>
  );
}
