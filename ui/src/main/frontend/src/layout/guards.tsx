import type { ReactNode } from 'react';
import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { words } from '../format/format';
import { type Role, useCan } from '../session/session';

/** A page for some roles only; the API refuses the rest anyway, this keeps the controls from being offered. */
export function RequireRole({ role, children }: { role: Role | Role[]; children: ReactNode }) {
  const roles = Array.isArray(role) ? role : [role];
  const allowed = useCan(...roles);
  if (allowed) return <>{children}</>;
  return (
    <Alert color="yellow" title="Not for your role">
      This page is for the role {roles.map(words).join(' or ')}. <Anchor component={Link} to="/">Back to the environments</Anchor>
    </Alert>
  );
}

export function NotFound() {
  return (
    <Stack>
      <Title order={1}>Not found</Title>
      <Alert color="yellow">There is no such page. <Anchor component={Link} to="/">Back to the environments</Anchor></Alert>
    </Stack>
  );
}
