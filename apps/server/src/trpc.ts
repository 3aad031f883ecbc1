import type { AppRouter } from '@profilehub/api';
import { appRouter, batchChecksCredentials, createContext, findDomainError, ThrottledError } from '@profilehub/api';
import type { DbHandle, RequestScope } from '@profilehub/db';
import { TRPCError } from '@trpc/server';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import {
  type AnyProcedure,
  getErrorShape,
  getHTTPStatusCode,
  getHTTPStatusCodeFromError,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  resolveResponse,
  type TRPCRequestInfo,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerEnv } from './env';
import { readSessionCookie, serializeSessionCookie } from './session-cookie';

// The Fetch Request tRPC builds from the Node request refuses these (TRACE, CONNECT, TRACK threw a 500).
const TRPC_METHODS = new Set(['GET', 'POST', 'HEAD']);

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
 * tRPC's Fastify adapter, with two differences. A JSON answer (every query and mutation) is sent as one
 * buffer: the adapter hands Fastify the Fetch Response, whose body Fastify then streams chunk by chunk with
 * chunked encoding (an eighth of the server's CPU on a tRPC GET). Streams (subscriptions over SSE, JSON lines)
 * are still streamed. And a plain single call takes the direct path below.
 */
function serveTrpc(scope: FastifyInstance, options: TrpcOptions, direct: boolean) {
  // Bodies reach tRPC as text (it parses them itself), as the adapter does.
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', {}, (_req, body, done) => done(null, body));
  scope.all<{ Params: { path: string } }>('/:path', async (req, reply) => {
    const call = direct ? await plainCall(req) : undefined;
    if (call) return callDirectly(call, req, reply, options);
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

// The direct path. Most calls are one query over GET or one mutation over POST with a JSON body (what
// httpLink, the CLI and the vendor-device scripts send). For those, tRPC's fetch-based handler builds a Fetch
// Request, abort signals, Headers and a Response around a few microseconds of work: more CPU than the
// procedure itself on a GET-by-id. Such a call is made here with tRPC's own pieces (procedure lookup, its
// transformer, error shape, status, `responseMeta`, `onError`) and answered exactly as tRPC answers it (the
// transport tests compare both paths). Anything else (batches, streams, subscriptions, HEAD, a method the
// procedure does not take, input that does not parse) goes through tRPC's handler unchanged, which answers it.

type PlainCall = { path: string; procedure: AnyProcedure; input: unknown };

const PLAIN_PATH = /^[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+)*$/;
const NEVER_ABORTED = new AbortController().signal;

/** The call when `req` is a plain single query (GET) or mutation (POST, JSON body) whose input parses. */
async function plainCall(req: FastifyRequest<{ Params: { path: string } }>): Promise<PlainCall | undefined> {
  const path = req.params.path;
  if (!PLAIN_PATH.test(path) || req.headers['trpc-accept'] !== undefined) return undefined;
  const type = req.method === 'GET' ? 'query' : req.method === 'POST' ? 'mutation' : undefined;
  if (!type) return undefined;
  const procedure = (await getProcedureAtPath(appRouter, path)) as AnyProcedure | null;
  if (procedure?._def.type !== type) return undefined;
  const q = req.url.indexOf('?');
  const search = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
  if (search.has('batch')) return undefined;
  let raw: string | null;
  if (type === 'query') raw = search.get('input');
  else {
    if (!req.headers['content-type']?.startsWith('application/json') || typeof req.body !== 'string') return undefined;
    raw = req.body;
  }
  try {
    const json = raw === null ? undefined : JSON.parse(raw);
    return { path, procedure, input: json === undefined ? undefined : appRouter._def._config.transformer.input.deserialize(json) };
  } catch {
    return undefined;
  }
}

/** A value tRPC would have to stream (it refuses those outside a streaming request). */
function isDataStream(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const streamy = (x: unknown) => x instanceof Promise || (typeof x === 'object' && x !== null && Symbol.asyncIterator in x);
  return streamy(v) || Object.values(v).some(streamy);
}

async function callDirectly(call: PlainCall, req: FastifyRequest, reply: FastifyReply, options: TrpcOptions): Promise<FastifyReply> {
  const config = appRouter._def._config;
  const type = call.procedure._def.type as 'query' | 'mutation';
  const getRawInput = async () => call.input;
  const info: TRPCRequestInfo = {
    isBatchCall: false,
    calls: [{ path: call.path, procedure: call.procedure, getRawInput, result: () => call.input, batchIndex: 0 }],
    accept: null,
    type,
    connectionParams: null,
    signal: NEVER_ABORTED,
    url: null,
  };
  let ctx: Awaited<ReturnType<TrpcOptions['createContext']>> | undefined;
  let res: { result: { data: unknown } } | { error: ReturnType<typeof getErrorShape> };
  let error: TRPCError | undefined;
  try {
    ctx = await options.createContext({ req, res: reply, info });
    const data = await call.procedure({ path: call.path, getRawInput, ctx, type, signal: undefined, batchIndex: 0 });
    if (isDataStream(data))
      throw new TRPCError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
      });
    res = { result: { data } };
  } catch (cause) {
    error = getTRPCErrorFromUnknown(cause);
    options.onError?.({ error, path: call.path, input: call.input, ctx, type, req });
    res = { error: getErrorShape({ config, ctx, error, input: call.input, path: call.path, type }) };
  }
  const errors = error ? [error] : [];
  const meta = options.responseMeta?.({ ctx, info, paths: [call.path], data: [res], errors, eagerGeneration: false, type }) ?? {};
  reply.status(meta.status ?? getHTTPStatusCode(res));
  reply.header('vary', 'trpc-accept, accept');
  reply.header('content-type', 'application/json');
  for (const [name, value] of Object.entries(meta.headers ?? {})) if (typeof value === 'string') reply.header(name, value);
  // A Buffer, so Fastify adds no charset to tRPC's content type.
  return reply.send(Buffer.from(JSON.stringify(transformTRPCResponse(config, res))));
}

/**
 * Mounts `/trpc`: every answer, including the transport's own refusals, in the tRPC envelope. `direct: false`
 * sends every call through tRPC's own handler (the tests compare the two paths' answers).
 */
export async function registerTrpc(
  app: FastifyInstance,
  opts: {
    db: DbHandle;
    env: Pick<ServerEnv, 'COOKIE_SECURE'>;
    now?: () => Date;
    direct?: boolean;
    /** The server's scope of each request (deadline, answered), handed to its context. */
    scopeOf?: (req: FastifyRequest) => RequestScope | undefined;
  },
): Promise<void> {
  const { db, env, now, direct = true, scopeOf } = opts;
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
              session: readSessionCookie(req.headers.cookie),
            },
            meta: { ip: req.ip, userAgent: req.headers['user-agent'] },
            scope: scopeOf?.(req),
            response: {
              startSession: (secret, expires) =>
                void res.header('set-cookie', serializeSessionCookie(secret, { expires, secure: env.COOKIE_SECURE })),
              endSession: () => void res.header('set-cookie', serializeSessionCookie('', { maxAgeSeconds: 0, secure: env.COOKIE_SECURE })),
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
      serveTrpc(scope, trpcOptions, direct);
    },
    { prefix: '/trpc' },
  );
}
