'use client';

import { useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { httpStatusOf, useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { useHasScope } from './session';

type Change = RouterOutputs['auditLog']['changes'] extends AsyncIterable<infer E> ? (E extends { data: infer D } ? D : never) : never;

const CUE_MS = 5_000;
const RETRY_MS = 3_000;

/**
 * Keeps open pages current: every change committed in the workspace (through the admin, the typed API or any
 * vendor REST surface) arrives on the change feed (SSE), and the open lists and records are refetched; a
 * short "updated" notice says what changed.
 */
export function LiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const enabled = useHasScope('audit:read');
  const [last, setLast] = useState<Change | null>(null);
  const refetch = useRef<ReturnType<typeof setTimeout>>(undefined);
  const hide = useRef<ReturnType<typeof setTimeout>>(undefined);

  useSubscription(
    trpc.auditLog.changes.subscriptionOptions(undefined, {
      enabled,
      onData: (event) => {
        setLast(event.data);
        clearTimeout(hide.current);
        hide.current = setTimeout(() => setLast(null), CUE_MS);
        // A batch of changes (an import) refetches once.
        clearTimeout(refetch.current);
        refetch.current = setTimeout(() => void queryClient.invalidateQueries(), 150);
      },
    }),
  );
  useEffect(() => () => clearTimeout(hide.current), []);

  if (!last) return null;
  return (
    <div
      role="status"
      data-testid="live-updated"
      className="fixed right-4 bottom-4 z-40 max-w-sm rounded-md border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-950 shadow-lg dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50"
    >
      <span className="font-semibold">Updated</span> · {last.action} by {last.actorLabel}
    </div>
  );
}

function isOutage(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = httpStatusOf(error);
  return status === undefined || status === 502 || status === 503 || status === 504;
}

/**
 * Shown while calls fail because the API (or its database) is unreachable; it retries the failed calls by
 * itself and disappears once they succeed, so no page stays broken after the API returns.
 */
export function OutageBanner() {
  const queryClient = useQueryClient();
  const [down, setDown] = useState(false);
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    const check = () => setDown(cache.getAll().some((q) => q.state.status === 'error' && isOutage(q.state.error)));
    check();
    return cache.subscribe(check);
  }, [queryClient]);
  useEffect(() => {
    if (!down) return;
    const timer = setInterval(() => {
      void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
    }, RETRY_MS);
    return () => clearInterval(timer);
  }, [down, queryClient]);
  if (!down) return null;
  return (
    <div
      role="alert"
      data-testid="outage-banner"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      <span className="font-semibold">The Profilehub API is not answering.</span> Retrying every few seconds; this page recovers by itself.
    </div>
  );
}
