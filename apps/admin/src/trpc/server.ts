import type { AppRouter } from '@profilehub/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { headers } from 'next/headers';
import { cache } from 'react';
import superjson from 'superjson';
import { apiUrl } from '@/env';
import type { Me } from './types';

/**
 * tRPC client for server components and route handlers: calls the API server directly with the incoming
 * request's cookie, so it acts as the signed-in user.
 */
export async function serverTrpc() {
  const cookie = (await headers()).get('cookie') ?? '';
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${apiUrl()}/trpc`,
        transformer: superjson,
        headers: cookie ? { cookie } : {},
        fetch: (url, init) => fetch(url, { ...init, cache: 'no-store', signal: AbortSignal.timeout(10_000) }),
      }),
    ],
  });
}

export type SessionResult = { status: 'signed-in'; me: Me } | { status: 'signed-out' } | { status: 'unavailable'; message: string };

/** Who is signed in, according to the API server (asked once per request, however many components call it). */
export const getSession = cache(async (): Promise<SessionResult> => {
  try {
    const me = await (await serverTrpc()).auth.me.query();
    return { status: 'signed-in', me };
  } catch (err) {
    if (err instanceof TRPCClientError && (err.data as { httpStatus?: number } | undefined)?.httpStatus === 401) {
      return { status: 'signed-out' };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { status: 'unavailable', message: `Could not reach the Profilehub API at ${apiUrl()}: ${message}` };
  }
});
