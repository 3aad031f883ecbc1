// Types only: the client must never load server code (db drivers, services) at runtime.
import type { AppRouter } from '@profilehub/api';
import { createTRPCClient, httpBatchLink, isTRPCClientError, type TRPCClient } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type ProfilehubClient = TRPCClient<AppRouter>;

export type ProfilehubClientOptions = {
  /** Base URL of the Profilehub server, e.g. `http://localhost:3100` (tRPC is served under `/trpc`). */
  url: string;
  /** API token (`ph_…`), sent as `Authorization: Bearer …`. */
  token: string;
  fetch?: typeof fetch;
  /** Abort a request that gets no answer within this many milliseconds (default: wait as long as fetch does). */
  timeoutMs?: number;
};

export function createProfilehubClient({ url, token, fetch: fetchImpl = fetch, timeoutMs }: ProfilehubClientOptions): ProfilehubClient {
  const timedFetch: typeof fetch =
    timeoutMs === undefined
      ? fetchImpl
      : (input, init) => {
          const timeout = AbortSignal.timeout(timeoutMs);
          const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
          return fetchImpl(input, { ...init, signal });
        };
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url.replace(/\/+$/, '')}/trpc`,
        transformer: superjson,
        headers: { authorization: `Bearer ${token}` },
        fetch: timedFetch,
      }),
    ],
  });
}

/** tRPC error codes, plus what can go wrong before the server answers. */
export type ClientErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  /** No answer: connection refused, DNS failure, timeout. */
  | 'UNREACHABLE'
  /** Something answered, but not like a Profilehub server. */
  | 'BAD_RESPONSE'
  | 'UNKNOWN';

export type ClientErrorInfo = {
  code: ClientErrorCode;
  /** One line, fit for a terminal or a toast. */
  message: string;
  /** The service's stable code (e.g. `SCOPE_TOO_WIDE`), when the server sent one. */
  domainCode: string | null;
  httpStatus: number | null;
  issues: { path: string; message: string }[];
};

const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = err;
  while (current && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function networkFailure(err: unknown): string | null {
  for (const e of causeChain(err)) {
    if (!(e instanceof Error)) continue;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && networkReasons[code]) return networkReasons[code];
    if (e.name === 'TimeoutError') return 'no answer in time';
    if (e.name === 'AbortError') return 'request aborted';
  }
  for (const e of causeChain(err)) if (e instanceof TypeError && e.message === 'fetch failed') return 'fetch failed';
  return null;
}

export const UNREACHABLE_PREFIX = 'server unreachable: ';

const knownCodes = new Set<string>([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
]);

/** Turns anything a client call can throw into a code and one readable line. */
export function describeClientError(err: unknown): ClientErrorInfo {
  const base = { domainCode: null, httpStatus: null, issues: [] };
  if (isTRPCClientError<AppRouter>(err) && err.data) {
    const data = err.data as { code?: string; httpStatus?: number; domainCode?: string | null; issues?: unknown };
    const issues = Array.isArray(data.issues)
      ? data.issues
          .filter((i): i is { path: unknown; message: unknown } => typeof i === 'object' && i !== null)
          .map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
      : [];
    const code = (data.code && knownCodes.has(data.code) ? data.code : 'UNKNOWN') as ClientErrorCode;
    // A zod failure's own message is a JSON dump of the issues; the issues themselves read better.
    const message =
      issues.length > 0 ? `invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}` : err.message;
    return { code, message, domainCode: data.domainCode ?? null, httpStatus: data.httpStatus ?? null, issues };
  }
  const network = networkFailure(err);
  if (network) return { ...base, code: 'UNREACHABLE', message: `${UNREACHABLE_PREFIX}${network}` };
  if (isTRPCClientError(err)) {
    return {
      ...base,
      code: 'BAD_RESPONSE',
      message: `unexpected response from the server (${err.message}) — is the URL a Profilehub server?`,
    };
  }
  return { ...base, code: 'UNKNOWN', message: err instanceof Error ? err.message : String(err) };
}
