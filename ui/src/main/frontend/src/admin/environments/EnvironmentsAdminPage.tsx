import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useEnvironments } from '../../api/queries';
import { humanDuration, durationMillis, words } from '../../format/format';
import { RetiredBadge } from '../../format/badges';
import { Empty, Loaded } from '../../layout/states';

/** ADMIN: every environment, active ones first, with what can be done to each. */
export function EnvironmentsAdminPage() {
  const environments = useEnvironments();
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Anchor component={Link} to="/admin" size="sm">Administration</Anchor>
          <Title order={1}>Manage environments</Title>
        </div>
        <Button component={Link} to="/admin/environments/new">Register an environment</Button>
      </Group>
      <Text c="dimmed" size="sm">
        Register, change and retire environments one by one here, or all at once from an inventory file on the <Anchor component={Link} to="/admin" underline="always">Administration</Anchor> page.
      </Text>
      <Loaded query={environments} what="the environments">
        {(all) => all.length === 0 ? <Empty>No environments are registered yet.</Empty> : (
          <Table.ScrollContainer minWidth={860}>
            <Table striped verticalSpacing="sm" aria-label="Environments to manage">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Environment</Table.Th>
                  <Table.Th scope="col">Regions</Table.Th>
                  <Table.Th scope="col">Disaster recovery</Table.Th>
                  <Table.Th scope="col">Targets</Table.Th>
                  <Table.Th scope="col">State</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...all].sort((a, b) => Number(a.retired) - Number(b.retired)).map((env) => (
                  <Table.Tr key={env.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/environments/${env.id}`} fw={600}>{env.displayName}</Anchor>
                      <Text size="xs" c="dimmed">{env.id} · {words(env.purpose)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{env.region}</Text>
                      <Text size="xs" c="dimmed">DR: {env.drRegion || 'none'}</Text>
                    </Table.Td>
                    <Table.Td>{env.drEnabled ? 'Enabled' : 'Not enabled'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">RTO {humanDuration(durationMillis(env.targets.rto))}, RPO {humanDuration(durationMillis(env.targets.rpo))}</Text>
                      <Text size="xs" c="dimmed">a test every {env.targets.testIntervalDays} days</Text>
                    </Table.Td>
                    <Table.Td>
                      {env.retired ? <RetiredBadge retiredAt={env.retiredAt} /> : env.activeTestId ? (
                        <Badge color="blue" variant="light" tt="none">Test running</Badge>
                      ) : (
                        <Badge color="green" variant="light" tt="none">Active</Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {env.retired ? (
                        <Text size="sm" c="dimmed">No changes</Text>
                      ) : (
                        <Button component={Link} to={`/admin/environments/${env.id}/edit`} size="xs" variant="default"
                          aria-label={`Manage ${env.displayName}`} title="Configuration, targets, DR, backups, retirement">
                          Manage
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Loaded>
    </Stack>
  );
}
