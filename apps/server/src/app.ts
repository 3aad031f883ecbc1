import { randomUUID } from 'node:crypto';
import type { AppRouter } from '@profilehub/api';
import { appRouter, createContext } from '@profilehub/api';
import type { DbHandle } from '@profilehub/db';
import { surfaces as allSurfaces, mountSurfaces, type SurfaceMount, type UnroutedResponder } from '@profilehub/rest';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerEnv } from './env';

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
};

const SESSION_COOKIE = 'ph_session';

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function serializeCookie(value: string, opts: { expires?: Date; maxAgeSeconds?: number; secure: boolean }) {
  const parts = [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (opts.expires) parts.push(`Expires=${opts.expires.toUTCString()}`);
  if (opts.maxAgeSeconds !== undefined) parts.push(`Max-Age=${opts.maxAgeSeconds}`);
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Builds the HTTP server without listening (tests use it with inject or listen on port 0). */
export async function buildServer({ db, env, now, surfaces = allSurfaces }: BuildOptions): Promise<FastifyInstance> {
  // Fastify reports requests it cannot route (a malformed percent-encoding) at construction level; they are
  // forwarded to the owning surface's envelope once the surfaces are mounted.
  let unrouted: UnroutedResponder | undefined;
  const app = Fastify({
    // Set before listen, so always present when a request arrives.
    frameworkErrors: (_err, req, reply) => unrouted!.badRequest(req, reply),
    logger:
      env.LOG_LEVEL === 'silent'
        ? false
        : { level: env.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'] },
    bodyLimit: env.BODY_LIMIT_BYTES,
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
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

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

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }) =>
        createContext({
          db: db.db,
          requestId: req.id,
          now,
          credentials: {
            bearer: /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1],
            session: readCookie(req.headers.cookie, SESSION_COOKIE),
          },
          meta: { ip: req.ip, userAgent: req.headers['user-agent'] },
          response: {
            startSession: (secret, expires) =>
              void res.header('set-cookie', serializeCookie(secret, { expires, secure: env.COOKIE_SECURE })),
            endSession: () => void res.header('set-cookie', serializeCookie('', { maxAgeSeconds: 0, secure: env.COOKIE_SECURE })),
          },
        }),
      onError({ error, path, req }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  unrouted = await mountSurfaces(app, surfaces, { db: db.db, now }, env.REST_PREFIX);
  return app;
}
