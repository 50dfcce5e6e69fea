import { useState } from 'react';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, must, type Problem } from '../../api/client';
import { keys } from '../../api/queries';
import type { EnvironmentView, RegisterRequest } from '../../api/types';
import { ConfigurationFields, IdentityFields, RefusalAlert, RegionFields, TargetsFields } from './EnvironmentFields';
import { NEW_ENVIRONMENT, placeErrors, toRegistration, validateNumbers, type EnvironmentValues, type FieldError } from './values';

/** ADMIN: a new environment, every section of it; a refusal is shown field by field, and success opens its page. */
export function RegisterEnvironmentPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<{ problem: Problem; unplaced: FieldError[] } | null>(null);
  // uncontrolled: a keystroke re-renders its input, not the whole environment
  const form = useForm<EnvironmentValues>({ mode: 'uncontrolled', initialValues: NEW_ENVIRONMENT, validate: validateNumbers });

  const register = useMutation({
    mutationFn: (body: RegisterRequest) => must<EnvironmentView>(api.POST('/api/environments', { body })),
    onSuccess: async (env) => {
      client.setQueryData(keys.environment(env.id), env);
      await client.invalidateQueries({ queryKey: keys.environments });
      await client.invalidateQueries({ queryKey: ['compliance'] });
      navigate(`/environments/${env.id}`);
    },
    onError: (error) => setRefusal(placeErrors(form, error, ['id', 'displayName', 'purpose', 'region', 'drRegion', 'drEnabled', 'configuration', 'targets'])),
  });

  return (
    <Stack maw={900}>
      <div>
        <Anchor component={Link} to="/admin/environments" size="sm">Manage environments</Anchor>
        <Title order={1}>Register an environment</Title>
        <Text c="dimmed" size="sm">Fields marked * are required. Rehearsal checks the whole environment and names every field to change.</Text>
      </div>
      <form noValidate aria-label="Register an environment"
        onSubmit={form.onSubmit((values) => { setRefusal(null); register.mutate(toRegistration(values)); })}>
        <Stack>
          {refusal && <RefusalAlert title="Not registered" {...refusal} />}
          <IdentityFields form={form} />
          <RegionFields form={form} />
          <ConfigurationFields form={form} />
          <TargetsFields form={form} />
          <Group justify="flex-end">
            <Button component={Link} to="/admin/environments" variant="default">Cancel</Button>
            <Button type="submit" loading={register.isPending}>Register the environment</Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
