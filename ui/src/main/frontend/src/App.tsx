import { Badge, MantineProvider, createTheme, darken, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router';
import { ApiError } from './api/client';
import { EnvironmentsPage } from './environments/EnvironmentsPage';
import { NotFound, RequireRole } from './layout/guards';
import { Shell } from './layout/Shell';
import { SessionProvider } from './session/session';
import { SignInPage } from './session/SignInPage';

// the first page an operator sees comes with the bundle; the others (and the chart library) load when opened
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const AdminPage = page(() => import('./admin/AdminPage'), 'AdminPage');
const EnvironmentsAdminPage = page(() => import('./admin/environments/EnvironmentsAdminPage'), 'EnvironmentsAdminPage');
const RegisterEnvironmentPage = page(() => import('./admin/environments/RegisterEnvironmentPage'), 'RegisterEnvironmentPage');
const EditEnvironmentPage = page(() => import('./admin/environments/EditEnvironmentPage'), 'EditEnvironmentPage');
const TokensPage = page(() => import('./admin/tokens/TokensPage'), 'TokensPage');
const AuditPage = page(() => import('./audit/AuditPage'), 'AuditPage');
const SystemAuditPage = page(() => import('./audit/SystemAuditPage'), 'SystemAuditPage');
const CompliancePage = page(() => import('./compliance/CompliancePage'), 'CompliancePage');
const TestPage = page(() => import('./drtest/TestPage'), 'TestPage');
const EnvironmentPage = page(() => import('./environments/EnvironmentPage'), 'EnvironmentPage');
const HistoryPage = page(() => import('./history/HistoryPage'), 'HistoryPage');
const ReportPage = page(() => import('./report/ReportPage'), 'ReportPage');
const StartTestPage = page(() => import('./start/StartTestPage'), 'StartTestPage');

export const theme = createTheme({
  primaryColor: 'indigo',
  // shades that keep text and links at WCAG AA contrast on both schemes (axe checks every page)
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  components: {
    // a badge is never narrower than its words: a table squeezed them to an ellipsis ("Comple…" for Completed)
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});

/** Secondary ("dimmed") text darker than Mantine's default, which falls short of 4.5:1 on white. */
const TINTED = ['green', 'yellow', 'red', 'gray', 'blue', 'grape', 'violet', 'teal', 'orange', 'indigo'];
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    // the text of light badges and alerts, on their pale tint
    ...Object.fromEntries(TINTED.map((c) => [`--mantine-color-${c}-light-color`, darken(t.colors[c][9], 0.45)])),
    ...Object.fromEntries(TINTED.map((c) => [`--mantine-color-${c}-text`, t.colors[c][9]])),
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[1],
    '--mantine-color-anchor': t.colors.indigo[3],
    ...Object.fromEntries(TINTED.map((c) => [`--mantine-color-${c}-light-color`, t.colors[c][2]])),
    ...Object.fromEntries(TINTED.map((c) => [`--mantine-color-${c}-text`, t.colors[c][3]])),
  },
});

export function newQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // a refusal (4xx) is an answer, not a hiccup: retry only what may pass the next time
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      },
    },
  });
}

export const routes: RouteObject[] = [
  {
    element: <SessionProvider><Outlet /></SessionProvider>,
    children: [
      { path: '/login', element: <SignInPage /> },
      {
        element: <Shell />,
        children: [
          { path: '/', element: <EnvironmentsPage /> },
          { path: '/environments/:envId', element: <EnvironmentPage /> },
          { path: '/environments/:envId/start', element: <RequireRole role="OPERATOR"><StartTestPage /></RequireRole> },
          { path: '/tests/:testId', element: <TestPage /> },
          { path: '/tests/:testId/report', element: <ReportPage /> },
          { path: '/tests/:testId/audit', element: <AuditPage /> },
          { path: '/history', element: <HistoryPage /> },
          { path: '/compliance', element: <CompliancePage /> },
          { path: '/audit', element: <RequireRole role={['AUDITOR', 'ADMIN']}><SystemAuditPage /></RequireRole> },
          { path: '/admin', element: <RequireRole role="ADMIN"><AdminPage /></RequireRole> },
          { path: '/admin/environments', element: <RequireRole role="ADMIN"><EnvironmentsAdminPage /></RequireRole> },
          { path: '/admin/environments/new', element: <RequireRole role="ADMIN"><RegisterEnvironmentPage /></RequireRole> },
          { path: '/admin/environments/:envId/edit', element: <RequireRole role="ADMIN"><EditEnvironmentPage /></RequireRole> },
          { path: '/admin/tokens', element: <RequireRole role="ADMIN"><TokensPage /></RequireRole> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function App({ client = newQueryClient() }: { client?: QueryClient }) {
  const router = createBrowserRouter(routes);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
