import { useEffect, useId, useRef, type ReactNode } from 'react';
import {
  ActionIcon, Alert, Button, Checkbox, Fieldset, Group, Input, List, NumberInput, Radio, SimpleGrid, Stack, Switch, Text, TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Problem } from '../../api/client';
import { words } from '../../format/format';
import { PURPOSES, type EnvironmentForm, type FieldError } from './values';

/**
 * The sections of an environment's forms, shared by registration and the edit pages. Every input is bound to the
 * path the API names in a 422's errors, so each refusal appears under the field it is about.
 */

/** A refusal: the API's detail, and the errors no field of the form shows, each with its path. */
export function RefusalAlert({ title, problem, unplaced }: { title: string; problem: Problem; unplaced: FieldError[] }) {
  const placedSome = (problem.errors?.length ?? 0) > unplaced.length;
  const ref = useRef<HTMLDivElement>(null);
  // the alert is above the form, the button that was pressed below it: bring the one to the other
  useEffect(() => ref.current?.scrollIntoView({ block: 'nearest' }), [problem]);
  return (
    <Alert ref={ref} color="red" title={title} role="alert">
      <Text size="sm">{problem.detail ?? problem.title ?? 'The server refused the change.'}</Text>
      {placedSome && <Text size="sm" mt={4}>Each marked field below says what to change.</Text>}
      {unplaced.length > 0 && (
        <List size="sm" mt="xs" aria-label="Other problems">
          {unplaced.map((e) => (
            <List.Item key={`${e.field}:${e.message}`}><code>{e.field}</code>: {e.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

function Section({ legend, description, children }: { legend: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        {description && <Text size="sm" c="dimmed">{description}</Text>}
        {children}
      </Stack>
    </Fieldset>
  );
}

export function IdentityFields({ form }: { form: EnvironmentForm }) {
  return (
    <Section legend="Identity">
      <TextInput label="Id" withAsterisk autoComplete="off" description="In addresses and the API: 3 to 63 lowercase letters, digits and dashes (e.g. acme-preprod). It cannot be changed later."
        key={form.key('id')} {...form.getInputProps('id')} />
      <TextInput label="Display name" withAsterisk autoComplete="off" description="Unique among active environments; typed to confirm a test."
        key={form.key('displayName')} {...form.getInputProps('displayName')} />
      <Radio.Group label="Purpose" withAsterisk key={form.key('purpose')} {...form.getInputProps('purpose')}>
        <Group mt={4}>
          {PURPOSES.map((p) => <Radio key={p} value={p} label={words(p)} />)}
        </Group>
      </Radio.Group>
    </Section>
  );
}

export function RegionFields({ form, region = true }: { form: EnvironmentForm; region?: boolean }) {
  return (
    <Section legend="Regions and disaster recovery" description="A DR test moves the environment into its DR region; after it, the two regions change places.">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {region && <TextInput label="Region" withAsterisk placeholder="eu-west-1" key={form.key('region')} {...form.getInputProps('region')} />}
        <TextInput label="DR region" placeholder="eu-central-1" description="Where a failover moves it; not its own region."
          key={form.key('drRegion')} {...form.getInputProps('drRegion')} />
      </SimpleGrid>
      <Switch label="Disaster recovery enabled" description="Tests can start once a backup exists; without DR the environment is not scheduled for tests."
        key={form.key('drEnabled')} {...form.getInputProps('drEnabled', { type: 'checkbox' })} />
    </Section>
  );
}

export function ConfigurationFields({ form }: { form: EnvironmentForm }) {
  return (
    <>
      <Section legend="Database">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Engine" withAsterisk placeholder="postgres" key={form.key('configuration.database.engine')} {...form.getInputProps('configuration.database.engine')} />
          <TextInput label="Engine version" withAsterisk placeholder="16.4" key={form.key('configuration.database.engineVersion')} {...form.getInputProps('configuration.database.engineVersion')} />
          <TextInput label="Instance class" withAsterisk placeholder="db.r6g.large" key={form.key('configuration.database.instanceClass')} {...form.getInputProps('configuration.database.instanceClass')} />
          <NumberInput label="Database storage (GB)" withAsterisk min={1} allowDecimal={false} key={form.key('configuration.database.storageGb')} {...form.getInputProps('configuration.database.storageGb')} />
        </SimpleGrid>
      </Section>
      <Section legend="Front-ends">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput label="Number of front-ends" withAsterisk min={1} allowDecimal={false} key={form.key('configuration.frontEnds.count')} {...form.getInputProps('configuration.frontEnds.count')} />
          <TextInput label="Instance type" withAsterisk placeholder="m6i.large" key={form.key('configuration.frontEnds.instanceType')} {...form.getInputProps('configuration.frontEnds.instanceType')} />
          <NumberInput label="Storage per front-end (GB)" withAsterisk min={1} allowDecimal={false} key={form.key('configuration.frontEnds.storageGb')} {...form.getInputProps('configuration.frontEnds.storageGb')} />
        </SimpleGrid>
      </Section>
      <Section legend="Network">
        <TextInput label="VPC CIDR" withAsterisk placeholder="10.20.0.0/16" description="A private IPv4 block (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), /8 to /28, written as its network address."
          key={form.key('configuration.network.vpcCidr')} {...form.getInputProps('configuration.network.vpcCidr')} />
      </Section>
      <KeptFields form={form} />
    </>
  );
}

function KeptFields({ form }: { form: EnvironmentForm }) {
  const kept = form.getValues().configuration.kept;
  const wafError = form.errors['configuration.kept.wafIpRules'];
  const connectionsError = form.errors['configuration.kept.externalConnections'];
  return (
    <Section legend="Kept configurations" description="What a failover must carry over into the DR region, and the parity check compares after it.">
      <Group>
        <Checkbox label="Error monitoring (Sentry)" key={form.key('configuration.kept.errorMonitoring')} {...form.getInputProps('configuration.kept.errorMonitoring', { type: 'checkbox' })} />
        <Checkbox label="HIPAA mode" key={form.key('configuration.kept.hipaaMode')} {...form.getInputProps('configuration.kept.hipaaMode', { type: 'checkbox' })} />
        <Checkbox label="Log separation" key={form.key('configuration.kept.logSeparation')} {...form.getInputProps('configuration.kept.logSeparation', { type: 'checkbox' })} />
      </Group>

      <Fieldset legend="WAF IP filtering rules" variant="filled" aria-describedby={wafError ? 'waf-rules-error' : undefined}>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">The IPv4 CIDR blocks the web application firewall lets in (e.g. 203.0.113.0/24); none lets everybody in.</Text>
          {kept.wafIpRules.map((_, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <TextInput label={`WAF rule ${i + 1}`} placeholder="203.0.113.0/24" style={{ flex: 1 }} key={form.key(`configuration.kept.wafIpRules.${i}`)} {...form.getInputProps(`configuration.kept.wafIpRules.${i}`)} />
              <RemoveButton label={`Remove WAF rule ${i + 1}`} onClick={() => form.removeListItem('configuration.kept.wafIpRules', i)} />
            </Group>
          ))}
          {wafError && <Input.Error id="waf-rules-error">{wafError}</Input.Error>}
          <div>
            <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem('configuration.kept.wafIpRules', '')}>Add a WAF rule</Button>
          </div>
        </Stack>
      </Fieldset>

      <Fieldset legend="External connections" variant="filled" aria-describedby={connectionsError ? 'connections-error' : undefined}>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">Outside systems the application connects to (a data warehouse, a partner's database), re-created in the DR region.</Text>
          {kept.externalConnections.map((_, i) => {
            const at = `configuration.kept.externalConnections.${i}`;
            const rowError = form.errors[at];
            return (
              <Fieldset key={i} legend={`Connection ${i + 1}`} aria-describedby={rowError ? `connection-${i}-error` : undefined}>
                <Group align="flex-end" wrap="nowrap">
                  <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }}>
                    <TextInput label={`Connection ${i + 1} name`} placeholder="warehouse" key={form.key(`${at}.name`)} {...form.getInputProps(`${at}.name`)} />
                    <TextInput label={`Connection ${i + 1} engine`} placeholder="postgres" key={form.key(`${at}.engine`)} {...form.getInputProps(`${at}.engine`)} />
                    <TextInput label={`Connection ${i + 1} host`} placeholder="db.partner.example" key={form.key(`${at}.host`)} {...form.getInputProps(`${at}.host`)} />
                  </SimpleGrid>
                  <RemoveButton label={`Remove connection ${i + 1}`} onClick={() => form.removeListItem('configuration.kept.externalConnections', i)} />
                </Group>
                {rowError && <Input.Error id={`connection-${i}-error`} mt="xs">{rowError}</Input.Error>}
              </Fieldset>
            );
          })}
          {connectionsError && <Input.Error id="connections-error">{connectionsError}</Input.Error>}
          <div>
            <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem('configuration.kept.externalConnections', { name: '', engine: '', host: '' })}>
              Add an external connection
            </Button>
          </div>
        </Stack>
      </Fieldset>
    </Section>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="default" size="lg" mb={2} onClick={onClick} aria-label={label} title={label}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

export function TargetsFields({ form }: { form: EnvironmentForm }) {
  return (
    <Section legend="Targets" description="What a test is measured against, and how often one is due.">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SpanInput form={form} path="targets.rto" short="RTO" label="Recovery time objective (RTO)"
          description="How long a failover may take until the environment runs again." />
        <SpanInput form={form} path="targets.rpo" short="RPO" label="Recovery point objective (RPO)"
          description="How much data (by time since the last backup) may be lost." />
      </SimpleGrid>
      <NumberInput label="Test interval (days)" withAsterisk min={1} allowDecimal={false} w={220}
        description="A test is due this many days after the last one." key={form.key('targets.testIntervalDays')} {...form.getInputProps('targets.testIntervalDays')} />
    </Section>
  );
}

/** A duration typed as hours and minutes, sent as ISO-8601; the API's message about it appears under both. */
function SpanInput({ form, path, short, label, description }: {
  form: EnvironmentForm; path: 'targets.rto' | 'targets.rpo'; short: string; label: string; description: string;
}) {
  const id = useId();
  const error = form.errors[path];
  const part = (unit: 'hours' | 'minutes') => {
    const props = form.getInputProps(`${path}.${unit}`);
    return {
      ...props,
      onChange: (value: number | string) => { form.clearFieldError(path); props.onChange(value); },
      error: Boolean(error) || props.error,
    };
  };
  return (
    <Fieldset legend={label} variant="unstyled" aria-describedby={error ? `${id}-description ${id}-error` : `${id}-description`}>
      <Text id={`${id}-description`} size="xs" c="dimmed" mb={4}>{description}</Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <NumberInput key={form.key(`${path}.hours`)} label="Hours" aria-label={`${short} hours`} min={0} allowDecimal={false} allowNegative={false} w={110} {...part('hours')} />
        <NumberInput key={form.key(`${path}.minutes`)} label="Minutes" aria-label={`${short} minutes`} min={0} max={59} allowDecimal={false} allowNegative={false} w={110} {...part('minutes')} />
      </Group>
      {error && <Input.Error id={`${id}-error`} mt={4}>{error}</Input.Error>}
    </Fieldset>
  );
}
