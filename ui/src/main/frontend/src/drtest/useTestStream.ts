import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { keys } from '../api/queries';
import type { DrTestView } from '../api/types';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended';

const MAX_BACKOFF_MS = 10_000;

/**
 * Follows a test over its progress stream and patches the cached test with every newer version. The stream sends
 * whole states, each with the version of the last event applied, so after a lost connection the first state of
 * the new one catches up on everything missed, and a version already shown is dropped: nothing is missed and
 * nothing is shown twice. When the test ends, the lists that show it are refreshed.
 */
export function useTestStream(testId: string | null | undefined, enabled = true): StreamState {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    if (!testId || !enabled) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    const key = keys.test(testId);

    /** Shows a state unless a newer one is shown already; true when the test has ended with it. */
    const show = (view: DrTestView): boolean => {
      const shown = client.getQueryData<DrTestView>(key);
      if (!shown || (view.version ?? 0) > (shown.version ?? -1)) client.setQueryData(key, view);
      return view.status === 'COMPLETED' || view.status === 'FAILED';
    };

    const ended = () => {
      stopped = true;
      source?.close();
      setState('ended');
      void client.invalidateQueries({ queryKey: keys.environments });
      void client.invalidateQueries({ queryKey: ['history'] });
      void client.invalidateQueries({ queryKey: ['compliance'] });
      void client.invalidateQueries({ queryKey: ['tests', testId], predicate: (q) => q.queryKey.length > 2 });
    };

    const connect = () => {
      if (stopped) return;
      source = new EventSource(`/api/dr-tests/${encodeURIComponent(testId)}/stream`, { withCredentials: true });
      source.onopen = () => {
        failures = 0;
        setState('live');
      };
      source.addEventListener('progress', (event) => {
        const view = JSON.parse((event as MessageEvent<string>).data) as DrTestView;
        setState('live');
        if (show(view)) ended();
      });
      source.onerror = () => {
        if (stopped) return;
        setState('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          // the browser gave up (an HTTP error): ask once more by hand, after a growing wait; a plain GET tells
          // whether the session ended (the client then returns to sign-in) or the test is gone
          failures += 1;
          const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
          retry = setTimeout(async () => {
            const { data, response } = await api.GET('/api/dr-tests/{testId}', { params: { path: { testId } } }).catch(
              () => ({ data: undefined, response: undefined }));
            if (response?.status === 401 || response?.status === 404) return;
            if (data && show(data)) return ended();
            connect();
          }, wait);
        }
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [client, testId, enabled]);

  return state;
}
