import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { DbHandle } from '@profilehub/db';
import { surfaces as allSurfaces, mountSurfaces, type SurfaceMount, type UnroutedResponder } from '@profilehub/rest';
import { TRPCError } from '@trpc/server';
import Fastify, { type FastifyInstance } from 'fastify';
import { createClientErrorHandler } from './client-error';
import { registerDocs } from './docs';
import type { ServerEnv } from './env';
import { loggerOptions } from './logging';
import { registerMetrics } from './metrics';
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
  >;
  now?: () => Date;
  /** Defaults to every registered vendor surface. */
  surfaces?: SurfaceMount[];
  /** Where log lines go (tests read them); stdout when unset. */
  logStream?: { write(line: string): void };
};

const isTrpcPath = (url: string) => url === '/trpc' || url.startsWith('/trpc/') || url.startsWith('/trpc?');

/** Builds the HTTP server without listening (tests use it with inject or listen on port 0). */
export async function buildServer({ db, env, now, surfaces = allSurfaces, logStream }: BuildOptions): Promise<FastifyInstance> {
  // Fastify reports requests it cannot route (a malformed percent-encoding) at construction level; they are
  // forwarded to the owning surface's envelope once the surfaces are mounted.
  let unrouted: UnroutedResponder | undefined;
  const app = Fastify({
    // Set before listen, so always present when a request arrives.
    frameworkErrors: (_err, req, reply) =>
      isTrpcPath(req.url)
        ? sendTrpcError(req, reply, new TRPCError({ code: 'BAD_REQUEST', message: 'Malformed request URL' }))
        : unrouted!.badRequest(req, reply),
    logger: loggerOptions(env.LOG_LEVEL, logStream),
    bodyLimit: env.BODY_LIMIT_BYTES,
    clientErrorHandler: createClientErrorHandler(surfaces, env.REST_PREFIX),
    requestTimeout: env.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: env.KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeout: env.REQUEST_TIMEOUT_MS + 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 5_000 },
  });
  app.server.headersTimeout = env.HEADERS_TIMEOUT_MS;
  // Node enforces header and request timeouts on this interval (30 s by default, read at listen), so a 10 s
  // header timeout closed trickling requests after up to 40 s.
  (app.server as typeof app.server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1_000;
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  registerMetrics(app);
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

  await app.register(fastifyCookie);
  await registerTrpc(app, { db, env, now });

  registerDocs(app, surfaces);
  unrouted = await mountSurfaces(app, surfaces, { db: db.db, now }, env.REST_PREFIX);
  return app;
}
