import { type AppRouter, type Context, createCaller } from '@profilehub/api';
import type { Database } from '@profilehub/db';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { classifyError, type RestError, restError } from './errors';

export type Caller = ReturnType<typeof createCaller>;

export type SurfaceDeps = {
  db: Database;
  now?: () => Date;
};

export type Envelope = { status: number; body?: unknown; headers?: Record<string, string> };

export type RouteContext = {
  req: FastifyRequest;
  reply: FastifyReply;
  /** The request context (actor resolved by the surface's auth convention). */
  ctx: Context;
  /** The typed API acting as that actor: adapters call services only through this. */
  caller: Caller;
};

export type SurfaceRoute = {
  method: HTTPMethods;
  url: string;
  /** Skip the surface's auth convention (login, version endpoints). */
  public?: boolean;
  handler(route: RouteContext): Promise<unknown>;
};

export type Surface = {
  name: string;
  /** Path prefixes this surface answers under (used to route unknown URLs to its envelope). */
  prefixes: string[];
  routes: SurfaceRoute[];
  /** The vendor's auth convention: returns the request context, or throws (mapped by `envelope`). */
  authenticate(req: FastifyRequest, deps: SurfaceDeps & { requestId: string; now: () => Date }): Promise<Context>;
  /** Builds the context for public routes (no credentials). */
  anonymous?(req: FastifyRequest, deps: SurfaceDeps & { requestId: string; now: () => Date }): Promise<Context>;
  /** The vendor's error envelope and status for each error class. */
  envelope(error: RestError, req: FastifyRequest): Envelope;
  /** Content-type parsers and hooks the vendor needs (runs inside the surface's encapsulated scope). */
  setup?(app: FastifyInstance): void | Promise<void>;
};

export function defineSurface(surface: Surface): Surface {
  return surface;
}

function sendEnvelope(reply: FastifyReply, env: Envelope) {
  reply.status(env.status);
  if (env.headers) reply.headers(env.headers);
  if (env.body === undefined) return reply.send();
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(env.body));
}

/** Answers any thrown value in the surface's envelope; unexpected errors are logged, never leaked. */
export function replyWithError(surface: Surface, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(err);
  if (classified.class === 'unexpected') req.log.error({ err }, `${surface.name}: unexpected error`);
  else if (classified.class === 'unavailable') req.log.warn({ err }, `${surface.name}: database unavailable`);
  return sendEnvelope(reply, surface.envelope(classified, req));
}

/**
 * Registers a surface's routes under `prefix` in an encapsulated Fastify scope with the surface's own
 * error handler, so every failure inside it (body parsing, auth, validation, services) gets its envelope.
 */
export function registerSurface(app: FastifyInstance, surface: Surface, deps: SurfaceDeps, prefix = '') {
  const now = deps.now ?? (() => new Date());
  return app.register(
    async (scope) => {
      await surface.setup?.(scope);
      scope.setErrorHandler((err, req, reply) => replyWithError(surface, err, req, reply));
      for (const route of surface.routes) {
        scope.route({
          method: route.method,
          url: route.url,
          handler: async (req, reply) => {
            const input = { ...deps, requestId: req.id, now };
            const ctx = route.public && surface.anonymous ? await surface.anonymous(req, input) : await surface.authenticate(req, input);
            const body = await route.handler({ req, reply, ctx, caller: createCaller(ctx) });
            if (reply.sent) return reply;
            return body;
          },
        });
      }
    },
    { prefix },
  );
}

type MountedSurface = { surface: Surface; prefix: string; patterns: { method: string; re: RegExp }[] };

function compile(prefix: string, url: string): RegExp {
  const escaped = (prefix + url)
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * Routes URLs no route matched to the surface that owns their prefix: "wrong method" when the path exists
 * with another method, else "no such route", each in that surface's envelope. Other URLs get a plain 404.
 */
export function createNotFoundHandler(mounted: { surface: Surface; prefix: string }[]) {
  const table: MountedSurface[] = mounted.map(({ surface, prefix }) => ({
    surface,
    prefix,
    patterns: surface.routes.map((r) => ({ method: String(r.method).toUpperCase(), re: compile(prefix, r.url) })),
  }));
  return (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0]!;
    const owner = table.find((m) => m.surface.prefixes.some((p) => path === m.prefix + p || path.startsWith(`${m.prefix + p}/`)));
    if (!owner) return reply.status(404).send({ error: 'Not Found', message: `No route ${req.method} ${path}` });
    const allow = owner.patterns.filter((p) => p.re.test(path)).map((p) => p.method);
    const err =
      allow.length > 0
        ? restError('method_not_allowed', `Method ${req.method} is not allowed here`, { allow })
        : restError('route_not_found', `No route ${req.method} ${path}`);
    return sendEnvelope(reply, owner.surface.envelope(err, req));
  };
}

export type SurfaceMount = { surface: Surface; mounts: string[] };

/**
 * Mounts surfaces (each under its own mounts, and again under `extraPrefix` when given) and routes every
 * unmatched URL to the surface owning its prefix. The server and the REST tests both wire surfaces this way.
 */
export async function mountSurfaces(app: FastifyInstance, list: SurfaceMount[], deps: SurfaceDeps, extraPrefix = '') {
  const mounted: { surface: Surface; prefix: string }[] = [];
  for (const { surface, mounts } of list) {
    const prefixes = extraPrefix ? [...mounts, ...mounts.map((m) => extraPrefix + m)] : mounts;
    for (const prefix of prefixes) {
      await registerSurface(app, surface, deps, prefix);
      mounted.push({ surface, prefix });
    }
  }
  app.setNotFoundHandler(createNotFoundHandler(mounted));
}

export type { AppRouter };
