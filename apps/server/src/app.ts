import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { watchCredentialChanges } from '@profilehub/api';
import { type DbHandle, openRequestScope, type RequestScope } from '@profilehub/db';
import { surfaces as allSurfaces, mountSurfaces, type SurfaceMount, type UnroutedResponder } from '@profilehub/rest';
import { TRPCError } from '@trpc/server';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createClientErrorHandler } from './client-error';
import { registerDocs } from './docs';
import type { ServerEnv } from './env';
import { loggerOptions, requestLogController } from './logging';
import { registerMetrics } from './metrics';
import type { TlsFiles } from './tls';
import { registerTrpc, sendTrpcError } from './trpc';

export type BuildOptions = {
  db: DbHandle;
  env: Pick<
    ServerEnv,
    | 'BODY_LIMIT_BYTES'
    | 'REQUEST_TIMEOUT_MS'
    | 'HEADERS_TIMEOUT_MS'
    | 'KEEP_ALIVE_TIMEOUT_MS'
    | 'LOG_LEVEL'
    | 'REST_PREFIX'
    | 'COOKIE_SECURE'
  > &
    Partial<Pick<ServerEnv, 'TRUST_PROXY'>>;
  now?: () => Date;
  /** Defaults to every registered vendor surface. */
  surfaces?: SurfaceMount[];
  /** Serve HTTPS with this certificate and key (see tls.ts); plain HTTP when absent. */
  tls?: TlsFiles | null;
  /** Where log lines go (tests read them); stdout when unset. */
  logStream?: { write(line: string): void };
};

const isTrpcPath = (url: string) => url === '/trpc' || url.startsWith('/trpc/') || url.startsWith('/trpc?');

/** Builds the HTTP server without listening (tests use it with inject or listen on port 0). */
/** TRUST_PROXY as Fastify takes it: a hop count trusts that many proxies nearest the server. */
function trustProxyOption(setting: ServerEnv['TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

export async function buildServer({ db, env, now, surfaces = allSurfaces, tls, logStream }: BuildOptions): Promise<FastifyInstance> {
  // Fastify reports requests it cannot route (a malformed percent-encoding) at construction level; they are
  // forwarded to the owning surface's envelope once the surfaces are mounted.
  let unrouted: UnroutedResponder | undefined;
  const options = {
    // Set before listen, so always present when a request arrives. Refused before routing, so before the
    // onRequest hook: the request id is set here.
    frameworkErrors: (_err, req, reply) => {
      reply.header('x-request-id', req.id);
      return isTrpcPath(req.url)
        ? sendTrpcError(req, reply, new TRPCError({ code: 'BAD_REQUEST', message: 'Malformed request URL' }))
        : unrouted!.badRequest(req, reply);
    },
    logger: loggerOptions(env.LOG_LEVEL, logStream),
    logController: requestLogController(),
    bodyLimit: env.BODY_LIMIT_BYTES,
    clientErrorHandler: createClientErrorHandler(surfaces, env.REST_PREFIX),
    requestTimeout: env.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: env.KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeout: env.REQUEST_TIMEOUT_MS + 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // req.ip, which failed-login throttling keys on: the proxy's address unless TRUST_PROXY names it.
    trustProxy: trustProxyOption(env.TRUST_PROXY ?? false),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 5_000 },
  } satisfies FastifyServerOptions;
  // An HTTPS Fastify is typed over https.Server; every route, hook and test here only needs what both share.
  const app = (tls ? Fastify({ ...options, https: { cert: tls.cert, key: tls.key } }) : Fastify(options)) as unknown as FastifyInstance;
  app.server.headersTimeout = env.HEADERS_TIMEOUT_MS;
  // Node enforces header and request timeouts on this interval (30 s by default, read at listen), so a 10 s
  // header timeout closed trickling requests after up to 40 s.
  (app.server as typeof app.server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1_000;
  // Graceful shutdown: in-flight requests finish, but a keep-alive connection that goes idle after close()
  // began would hold the server open until its keep-alive timeout. Answers during shutdown say
  // `Connection: close` (Node writes it when the response is not to be kept alive), and idle connections are
  // swept until the server is closed.
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  app.addHook('preClose', (done) => {
    closing = true;
    for (const res of inFlight) res.shouldKeepAlive = false;
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50).unref();
    app.server.once('close', () => clearInterval(sweep));
    done();
  });

  // Every request has a scope with a deadline, handed to its context (REST and tRPC); once the response is out
  // (or the client is gone) the scope is marked answered, so a transaction still running for it rolls back
  // instead of committing.
  // Credential caches drop on every change made by any instance (LISTEN); not awaited: with the database down
  // at start, lookups simply stay uncached until listening succeeds.
  void watchCredentialChanges(db.db);
  const scopes = new WeakMap<object, RequestScope>();
  const scopeOf = (req: object) => scopes.get(req);
  // Hooks on every request are written with callbacks (an async hook costs each request a promise), and the
  // server has no onSend hook: headers every answer carries are set here, before anything can answer.
  app.addHook('onRequest', (req, reply, done) => {
    const scope = openRequestScope(db.requestDeadlineMs);
    scopes.set(req, scope);
    reply.header('x-request-id', req.id);
    const res = reply.raw;
    if (closing) res.shouldKeepAlive = false;
    inFlight.add(res);
    res.once('close', () => {
      scope.answered = true;
      inFlight.delete(res);
    });
    done();
  });

  registerMetrics(app, { poolStats: db.poolStats });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    try {
      await db.ping(2_000);
      return { status: 'ready', database: db.driver };
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      return reply.status(503).send({ status: 'unavailable', database: db.driver, error: 'database unreachable' });
    }
  });

  await registerTrpc(app, { db, env, now, scopeOf });

  registerDocs(app, surfaces);
  unrouted = await mountSurfaces(app, surfaces, { db: db.db, now, scopeOf }, env.REST_PREFIX);
  return app;
}
