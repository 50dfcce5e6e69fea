import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router';
import { ApiError } from './api/client';
import { AdminPage } from './admin/AdminPage';
import { AuditPage } from './audit/AuditPage';
import { SystemAuditPage } from './audit/SystemAuditPage';
import { CompliancePage } from './compliance/CompliancePage';
import { TestPage } from './drtest/TestPage';
import { EnvironmentPage } from './environments/EnvironmentPage';
import { EnvironmentsPage } from './environments/EnvironmentsPage';
import { HistoryPage } from './history/HistoryPage';
import { NotFound, RequireRole } from './layout/guards';
import { Shell } from './layout/Shell';
import { ReportPage } from './report/ReportPage';
import { SessionProvider } from './session/session';
import { SignInPage } from './session/SignInPage';
import { StartTestPage } from './start/StartTestPage';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
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
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function App({ client = newQueryClient() }: { client?: QueryClient }) {
  const router = createBrowserRouter(routes);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
