import { Suspense } from 'react';
import { ActionIcon, AppShell, Badge, Burger, Button, Group, NavLink, Text, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { Link as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { csrfHeaders } from '../api/client';
import { words } from '../format/format';
import { Loading } from './states';
import { mainRole, SESSION_KEY, useCan, useSession } from '../session/session';

interface Section {
  to: string;
  label: string;
  visible: boolean;
  /** other paths that belong to the section */
  also?: RegExp;
  /** a part of the section before it, shown indented */
  sub?: boolean;
}

/** Whether a path belongs to a section: its own path, one below it, or one it claims. */
function within(s: Section, path: string): boolean {
  const own = s.to === '/' ? path === '/' : path === s.to || path.startsWith(`${s.to}/`);
  return own || Boolean(s.also?.test(path));
}

/** The frame of every page: the product, the user and role, sign-out, the light or dark scheme, the sections. */
export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const auditor = useCan('AUDITOR', 'ADMIN');
  const admin = useCan('ADMIN');
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const role = mainRole(session.roles);

  const sections: Section[] = [
    { to: '/', label: 'Environments', visible: true, also: /^\/environments\// },
    { to: '/history', label: 'Test history', visible: true, also: /^\/tests\// },
    { to: '/compliance', label: 'Compliance', visible: true },
    { to: '/audit', label: 'Audit trail', visible: auditor },
    { to: '/admin', label: 'Administration', visible: admin },
    { to: '/admin/environments', label: 'Manage environments', visible: admin, sub: true },
    { to: '/admin/tokens', label: 'API tokens', visible: admin, sub: true },
  ];
  // the deepest section a path is within is the current one: /admin/tokens is API tokens, not Administration
  const current = sections.filter((s) => s.visible && within(s, location.pathname))
    .sort((a, b) => b.to.length - a.to.length)[0];

  async function signOut() {
    await fetch(new URL('/logout', window.location.origin), { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', ...csrfHeaders() } });
    client.clear();
    client.removeQueries({ queryKey: SESSION_KEY });
    navigate('/login?signedOut=1', { replace: true });
    await client.invalidateQueries({ queryKey: SESSION_KEY });
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Show the sections" />
            <Text fw={700} size="lg" component="span">
              Rehearsal
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="sm" component="span">
              Disaster recovery
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" component="span" data-testid="signed-in-user">
              {session.username}
            </Text>
            {role && (
              <Badge variant="light" data-testid="signed-in-role">
                {words(role)}
              </Badge>
            )}
            <Tooltip label={scheme === 'dark' ? 'Light mode' : 'Dark mode'}>
              <ActionIcon
                variant="default"
                size="lg"
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
                aria-label={scheme === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
              >
                {scheme === 'dark' ? <IconSun size={18} aria-hidden /> : <IconMoon size={18} aria-hidden />}
              </ActionIcon>
            </Tooltip>
            <Button variant="default" size="sm" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        {sections
          .filter((s) => s.visible)
          .map((s) => {
            const active = s === current;
            return (
              <NavLink key={s.to} component={RouterLink} to={s.to} label={s.label} active={active} onClick={close}
                pl={s.sub ? 'xl' : undefined} aria-current={active ? 'page' : undefined} />
            );
          })}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loading what="the page" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
