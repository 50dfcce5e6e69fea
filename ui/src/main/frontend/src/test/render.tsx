import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { newQueryClient, theme } from '../App';
import { SessionProvider, type Role } from '../session/session';
import { server } from './server';

/** Signs a user in as far as the dashboard can tell: the session endpoint answers with these roles. */
export function signedInAs(username: string, ...roles: Role[]) {
  server.use(http.get('*/api/session', () => HttpResponse.json({
    authenticated: true, username, roles, csrfHeaderName: 'X-CSRF-TOKEN', csrfToken: 'token-1',
  })));
}

/** Renders a page at a path, inside the providers and the session the application gives it. */
export function renderAt(path: string, routes: { path: string; element: ReactNode }[]) {
  const client = newQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter([{ element: <SessionProvider><Outlet /></SessionProvider>, children: routes }], { initialEntries: [path] });
  const view = render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...view, router, client };
}
