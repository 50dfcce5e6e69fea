import type { ReactNode } from 'react';
import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';

/** The loading and error states every page shows the same way, so a page only writes its content. */
export function Loading({ what }: { what: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          Loading {what}…
        </Text>
      </Stack>
    </Center>
  );
}

export function Failure({ error, what }: { error: unknown; what: string }) {
  return (
    <Alert color="red" title={`Could not load ${what}`} role="alert">
      {error instanceof Error ? error.message : String(error)}
    </Alert>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="md" ta="center">
      {children}
    </Text>
  );
}

/** Renders a query's data, or its loading or error state. */
export function Loaded<T>({ query, what, children }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <Failure error={query.error} what={what} />;
  return <>{children(query.data)}</>;
}
