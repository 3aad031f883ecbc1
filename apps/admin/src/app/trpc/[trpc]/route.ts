import type { NextRequest } from 'next/server';
import { apiUrl } from '@/env';

// Same-origin proxy to the API server's /trpc: the browser keeps one origin (the HttpOnly session cookie set
// by the API lands on the admin host) and the API's address stays a runtime setting rather than a build-time
// rewrite.
const FORWARDED_REQUEST_HEADERS = ['accept', 'authorization', 'content-type', 'cookie', 'trpc-accept', 'user-agent', 'x-request-id'];
const FORWARDED_RESPONSE_HEADERS = ['cache-control', 'content-type', 'vary', 'x-request-id'];
const UPSTREAM_TIMEOUT_MS = 30_000;

async function forward(req: NextRequest): Promise<Response> {
  const path = req.nextUrl.pathname.replace(/^\/trpc\/?/, '');
  const target = `${apiUrl()}/trpc/${path}${req.nextUrl.search}`;

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const forwardedFor = req.headers.get('x-forwarded-for');
  if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);

  // A change-feed subscription is a long-lived event stream: it ends when the browser goes away, not on a timer.
  const stream = req.headers.get('accept')?.includes('text/event-stream') ?? false;
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer(),
      redirect: 'manual',
      cache: 'no-store',
      signal: stream ? req.signal : AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
  } catch (err) {
    return unreachable(path, req.nextUrl.searchParams.has('batch'), err);
  }

  const out = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) out.set(name, value);
  }
  for (const cookie of upstream.headers.getSetCookie()) out.append('set-cookie', cookie);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}

/** A tRPC-shaped error (one per batched call) so the UI shows "API unreachable" rather than a parse error. */
function unreachable(path: string, batch: boolean, err: unknown): Response {
  const reason = err instanceof Error && err.name === 'TimeoutError' ? 'did not answer in time' : 'is unreachable';
  const error = {
    json: { message: `The Profilehub API ${reason}`, code: -32603, data: { code: 'BAD_GATEWAY', httpStatus: 502, path } },
  };
  const body = batch ? path.split(',').map(() => ({ error })) : { error };
  return Response.json(body, { status: 502 });
}

export const GET = forward;
export const POST = forward;
