import type { AppRouter } from '@profilehub/api';
import { appRouter, batchChecksCredentials, createContext, findDomainError, ThrottledError } from '@profilehub/api';
import type { DbHandle } from '@profilehub/db';
import { TRPCError } from '@trpc/server';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import {
  getErrorShape,
  getHTTPStatusCodeFromError,
  resolveResponse,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerEnv } from './env';

// The Fetch Request tRPC builds from the Node request refuses these (TRACE, CONNECT, TRACK threw a 500).
const TRPC_METHODS = new Set(['GET', 'POST', 'HEAD']);

/** The admin session cookie: HTTP's carrier for the session secret the API hands out (`startSession`). */
export const SESSION_COOKIE = 'ph_session';

function serializeCookie(value: string, opts: { expires?: Date; maxAgeSeconds?: number; secure: boolean }) {
  const parts = [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (opts.expires) parts.push(`Expires=${opts.expires.toUTCString()}`);
  if (opts.maxAgeSeconds !== undefined) parts.push(`Max-Age=${opts.maxAgeSeconds}`);
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

function procedurePaths(rawUrl: string): { paths: string[]; batch: boolean } {
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://x');
  } catch {
    return { paths: [''], batch: false };
  }
  const batch = url.searchParams.get('batch') === '1';
  let name = url.pathname.replace(/^.*?\/trpc\/?/, '');
  try {
    name = decodeURIComponent(name);
  } catch {
    // kept as sent: only used to name the error's path
  }
  return { paths: batch ? name.split(',') : [name], batch };
}

/** The tRPC envelope (one per procedure of a batch) for an error raised before the tRPC handler ran. */
export function trpcErrorBody(url: string, error: TRPCError): unknown {
  const { paths, batch } = procedurePaths(url);
  const config = appRouter._def._config;
  const one = (path: string) =>
    transformTRPCResponse(config, { error: getErrorShape({ config, error, type: 'unknown', path, input: undefined, ctx: undefined }) });
  return batch ? paths.map(one) : one(paths[0] ?? '');
}

/** Answers an error tRPC itself never saw (body limit, content type, method) in tRPC's own envelope. */
export function sendTrpcError(req: FastifyRequest, reply: FastifyReply, error: TRPCError): FastifyReply {
  return reply.status(getHTTPStatusCodeFromError(error)).type('application/json').send(trpcErrorBody(req.url, error));
}

/** Fastify's own refusals (FST_ERR_CTP_*) before the tRPC handler runs, as tRPC codes. */
function trpcErrorFor(err: { statusCode?: number; message?: string; code?: string }): TRPCError {
  const status = err.statusCode ?? 500;
  if (status === 413) return new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large', cause: err });
  if (status === 415) return new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json', cause: err });
  if (status >= 400 && status < 500) return new TRPCError({ code: 'BAD_REQUEST', message: err.message ?? 'Bad request', cause: err });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', cause: err });
}

type TrpcOptions = FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];

/**
 * tRPC's Fastify adapter, with one difference: a JSON answer (every query and mutation) is sent as one
 * buffer. The adapter hands Fastify the Fetch Response, whose body Fastify then streams chunk by chunk
 * with chunked encoding (an eighth of the server's CPU on a tRPC GET). Streams (subscriptions over SSE,
 * JSON lines) are still streamed.
 */
function serveTrpc(scope: FastifyInstance, options: TrpcOptions) {
  // Bodies reach tRPC as text (it parses them itself), as the adapter does.
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', {}, (_req, body, done) => done(null, body));
  scope.all<{ Params: { path: string } }>('/:path', async (req, reply) => {
    const incoming = req.raw as typeof req.raw & { body?: unknown };
    if ('body' in req) incoming.body = req.body;
    const response = await resolveResponse({
      ...options,
      req: incomingMessageToRequest(incoming, reply.raw, { maxBodySize: null }),
      path: req.params.path,
      error: null,
      createContext: async (inner) => options.createContext({ req, res: reply, ...inner }),
      onError: (o) => options.onError?.({ ...o, req }),
    });
    // A stream (SSE, or JSON lines asked for with `trpc-accept: application/jsonl`, which tRPC labels
    // application/json but sends chunked) goes to Fastify as it is.
    const whole = response.headers.get('content-type')?.startsWith('application/json') && !response.headers.has('transfer-encoding');
    if (!whole) return reply.send(response);
    reply.status(response.status);
    for (const [name, value] of response.headers) if (name !== 'set-cookie') reply.header(name, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    return reply.send(Buffer.from(await response.arrayBuffer()));
  });
}

/** Mounts `/trpc`: every answer, including the transport's own refusals, in the tRPC envelope. */
export async function registerTrpc(
  app: FastifyInstance,
  opts: { db: DbHandle; env: Pick<ServerEnv, 'COOKIE_SECURE'>; now?: () => Date },
): Promise<void> {
  const { db, env, now } = opts;
  await app.register(
    async (scope) => {
      scope.setErrorHandler((err, req, reply) => {
        const error = trpcErrorFor(err as { statusCode?: number; message?: string });
        if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err }, 'tRPC transport failed');
        return sendTrpcError(req, reply, error);
      });
      scope.setNotFoundHandler((req, reply) =>
        sendTrpcError(req, reply, new TRPCError({ code: 'NOT_FOUND', message: `No procedure at ${req.url.split('?')[0]}` })),
      );
      scope.addHook('onRequest', async (req, reply) => {
        if (!TRPC_METHODS.has(req.method))
          return sendTrpcError(
            req,
            reply,
            new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `Method ${req.method} is not supported` }),
          );
      });
      const trpcOptions = {
        router: appRouter,
        createContext: ({ req, res, info }) => {
          if (info.isBatchCall && batchChecksCredentials(info.calls.map((c) => c.path)))
            throw new TRPCError({ code: 'BAD_REQUEST', message: 'Sign-in procedures cannot be batched: send one per request' });
          return createContext({
            db: db.db,
            requestId: req.id,
            now,
            credentials: {
              bearer: /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1],
              session: req.cookies[SESSION_COOKIE],
            },
            meta: { ip: req.ip, userAgent: req.headers['user-agent'] },
            response: {
              startSession: (secret, expires) =>
                void res.header('set-cookie', serializeCookie(secret, { expires, secure: env.COOKIE_SECURE })),
              endSession: () => void res.header('set-cookie', serializeCookie('', { maxAgeSeconds: 0, secure: env.COOKIE_SECURE })),
            },
          });
        },
        responseMeta({ errors }) {
          const throttled = errors.map((e) => findDomainError(e)).find((d) => d instanceof ThrottledError);
          return throttled ? { headers: { 'retry-after': String(throttled.retryAfterSeconds) } } : {};
        },
        onError({ error, path, req }) {
          if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
        },
      } satisfies TrpcOptions;
      serveTrpc(scope, trpcOptions);
    },
    { prefix: '/trpc' },
  );
}
