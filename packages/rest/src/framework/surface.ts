import { type AppRouter, type Context, createCaller, type Database, ThrottledError } from '@profilehub/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { type Authenticate, createRequestContext, type ScopeOf } from './context';
import { classifyError, type RestError, restError } from './errors';
import { type InvalidRequest, type ParsedRequest, parseRequest, type RouteSchema, type SurfaceDocs } from './route-schema';

export type Caller = ReturnType<typeof createCaller>;

export type SurfaceDeps = {
  db: Database;
  now?: () => Date;
  /** The server's scope of each request, handed to its context (no deadline without one). */
  scopeOf?: ScopeOf;
};

export type Envelope = { status: number; body?: unknown; headers?: Record<string, string | string[]> };

export type RouteContext = {
  req: FastifyRequest;
  reply: FastifyReply;
  /** The request context (actor resolved by the surface's auth convention, null on public routes). */
  ctx: Context;
  /** The typed API acting as that actor: adapters call services only through this. */
  caller: Caller;
  /** The request parts, parsed by the route's schema when it has one (else as Fastify parsed them). */
  params: unknown;
  query: unknown;
  body: unknown;
};

export type SurfaceRoute = {
  method: HTTPMethods;
  url: string;
  /** Skip the surface's auth convention and act as nobody (login, version endpoints). */
  public?: boolean;
  /** Params, query, body and responses: validated by the framework, and the source of the OpenAPI document. */
  schema?: RouteSchema;
  handler(route: RouteContext): Promise<unknown>;
};

/** A route whose handler receives its params, query and body typed by its schema (no casts in adapters). */
export function defineRoute<S extends RouteSchema>(
  route: Omit<SurfaceRoute, 'schema' | 'handler'> & {
    schema: S;
    handler(route: Omit<RouteContext, keyof ParsedRequest<S>> & ParsedRequest<S>): Promise<unknown>;
  },
): SurfaceRoute {
  return route as SurfaceRoute;
}

export type Surface = {
  name: string;
  /** Path prefixes this surface answers under (used to route unknown URLs to its envelope). */
  prefixes: string[];
  routes: SurfaceRoute[];
  /** The vendor's auth convention: returns the actor its credential names, or throws (mapped by `envelope`). */
  authenticate: Authenticate;
  /** The vendor's error envelope and status for each error class. */
  envelope(error: RestError, req: FastifyRequest): Envelope;
  /**
   * The Content-Type of every answer, exactly as the vendor sends it (default `application/json;
   * charset=utf-8`): a client that compares the header literally gets the vendor's string.
   */
  contentType?: string;
  /** Content-type parsers and hooks the vendor needs (runs inside the surface's encapsulated scope). */
  setup?(app: FastifyInstance): void | Promise<void>;
  /** Auth, version negotiation and error envelope, for the surface's OpenAPI document. */
  docs?: SurfaceDocs;
  /** The vendor's wording for a request that fails a route schema (default: a generic `validation` error). */
  invalidRequest?: InvalidRequest;
  /**
   * Checks the vendor makes before it reads a request's input (FlexCare: the access level), which throw
   * their own error. Run only when a route schema refuses a request on a route that is not public, so such
   * a caller hears that refusal first; a valid request pays nothing for it (the procedure checks anyway).
   */
  checkBeforeInput?(route: { req: FastifyRequest; caller: Caller }): Promise<unknown>;
};

export function defineSurface(surface: Surface): Surface {
  return surface;
}

function sendEnvelope(surface: Surface, reply: FastifyReply, env: Envelope) {
  reply.status(env.status);
  if (env.headers) reply.headers(env.headers);
  if (env.body === undefined) return reply.send();
  return sendJson(surface, reply, env.body);
}

/** A JSON answer in the surface's content type. */
function sendJson(surface: Surface, reply: FastifyReply, body: unknown) {
  const json = JSON.stringify(body);
  // Sent as a Buffer, Fastify does not append a charset to the surface's own content type.
  if (surface.contentType) return reply.type(surface.contentType).send(Buffer.from(json));
  return reply.type('application/json; charset=utf-8').send(json);
}

/** Answers any thrown value in the surface's envelope; unexpected errors are logged, never leaked. */
export function replyWithError(surface: Surface, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(err);
  if (classified.class === 'unexpected') req.log.error({ err }, `${surface.name}: unexpected error`);
  else if (classified.class === 'unavailable') req.log.warn({ err }, `${surface.name}: database unavailable`);
  const envelope = surface.envelope(classified, req);
  // Throttled credential checks keep the vendor's auth-failure body; none of the vendors has a code of its
  // own for it, so the status says it (429) and when to retry.
  if (classified.domain instanceof ThrottledError)
    return sendEnvelope(surface, reply, {
      ...envelope,
      status: 429,
      headers: { ...envelope.headers, 'retry-after': String(classified.domain.retryAfterSeconds) },
    });
  return sendEnvelope(surface, reply, envelope);
}

/**
 * Registers a surface's routes under `prefix` in an encapsulated Fastify scope with the surface's own
 * error handler, so every failure inside it (body parsing, auth, validation, services) gets its envelope.
 */
export function registerSurface(app: FastifyInstance, surface: Surface, deps: SurfaceDeps, prefix = '') {
  const authDeps = { db: deps.db, now: deps.now ?? (() => new Date()) };
  return app.register(
    async (scope) => {
      await surface.setup?.(scope);
      scope.setErrorHandler((err, req, reply) => replyWithError(surface, err, req, reply));
      for (const route of surface.routes) {
        scope.route({
          method: route.method,
          url: route.url,
          config: { surface: surface.name },
          handler: async (req, reply) => {
            const ctx = await createRequestContext(req, {
              authenticate: surface.authenticate,
              isPublic: route.public === true,
              deps: authDeps,
              scopeOf: deps.scopeOf,
            });
            const caller = createCaller(ctx);
            let parts: ParsedRequest<RouteSchema> = { params: req.params, query: req.query, body: req.body };
            if (route.schema) {
              try {
                parts = parseRequest(route.schema, req, surface.invalidRequest);
              } catch (err) {
                if (!route.public && surface.checkBeforeInput) await surface.checkBeforeInput({ req, caller });
                throw err;
              }
            }
            const body = await route.handler({ req, reply, ctx, caller, ...parts });
            if (reply.sent) return reply;
            return surface.contentType && body !== undefined ? sendJson(surface, reply, body) : body;
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

/** Answers requests no route took, in the envelope of the surface whose prefix the URL falls under. */
export type UnroutedResponder = {
  /** No route matched: "wrong method" when the path exists with another method, else "no such route". */
  notFound(req: FastifyRequest, reply: FastifyReply): FastifyReply;
  /** Fastify refused the request before routing (e.g. a malformed percent-encoding in the path). */
  badRequest(req: FastifyRequest, reply: FastifyReply): FastifyReply;
  /**
   * An error on the way to `notFound` (its body is parsed first, e.g. an empty JSON body on a route that
   * does not exist). Surface routes have their own error handlers, so a surface path here is unrouted: the
   * client hears "wrong method" or "no such route", whatever the body held.
   */
  error(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply;
};

/** URLs outside every surface get a plain JSON answer. */
export function createUnroutedResponder(mounted: { surface: Surface; prefix: string }[]): UnroutedResponder {
  const table: MountedSurface[] = mounted.map(({ surface, prefix }) => ({
    surface,
    prefix,
    patterns: surface.routes.map((r) => ({ method: String(r.method).toUpperCase(), re: compile(prefix, r.url) })),
  }));
  // The most specific prefix owns a URL, whatever the mount order: RPdb's `/api/v1` stays RPdb's even when
  // another surface answers for the rest of `/api`.
  const ownerOf = (path: string) => {
    let owner: MountedSurface | undefined;
    let longest = -1;
    for (const m of table) {
      for (const p of m.surface.prefixes) {
        const full = m.prefix + p;
        if ((path === full || path.startsWith(`${full}/`)) && full.length > longest) {
          owner = m;
          longest = full.length;
        }
      }
    }
    return owner;
  };
  return {
    notFound(req, reply) {
      const path = req.url.split('?')[0]!;
      const owner = ownerOf(path);
      if (!owner) return reply.status(404).send({ error: 'Not Found', message: `No route ${req.method} ${path}` });
      const allow = owner.patterns.filter((p) => p.re.test(path)).map((p) => p.method);
      const err =
        allow.length > 0
          ? restError('method_not_allowed', `Method ${req.method} is not allowed here`, { allow })
          : restError('route_not_found', `No route ${req.method} ${path}`);
      return sendEnvelope(owner.surface, reply, owner.surface.envelope(err, req));
    },
    badRequest(req, reply) {
      const owner = ownerOf(req.url.split('?')[0]!);
      if (!owner) return reply.status(400).send({ error: 'Bad Request', message: 'Malformed request URL' });
      return sendEnvelope(owner.surface, reply, owner.surface.envelope(restError('bad_request', 'Malformed request URL'), req));
    },
    error(err, req, reply) {
      if (ownerOf(req.url.split('?')[0]!)) return this.notFound(req, reply);
      const status = (err as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500)
        return reply.status(status).send({ error: 'Bad Request', message: (err as Error).message });
      req.log.error({ err }, 'unexpected error outside the vendor surfaces');
      return reply.status(500).send({ error: 'Internal Server Error' });
    },
  };
}

export type SurfaceMount = { surface: Surface; mounts: string[] };

/**
 * Mounts surfaces (each under its own mounts, and again under `extraPrefix` when given) and routes every
 * unmatched URL to the surface owning its prefix. The server and the REST tests both wire surfaces this way.
 * Returns the responder for Fastify's `frameworkErrors` (set at construction, so the caller forwards to it).
 */
export async function mountSurfaces(
  app: FastifyInstance,
  list: SurfaceMount[],
  deps: SurfaceDeps,
  extraPrefix = '',
): Promise<UnroutedResponder> {
  const mounted: { surface: Surface; prefix: string }[] = [];
  for (const { surface, mounts } of list) {
    const prefixes = extraPrefix ? [...mounts, ...mounts.map((m) => extraPrefix + m)] : mounts;
    for (const prefix of prefixes) {
      await registerSurface(app, surface, deps, prefix);
      mounted.push({ surface, prefix });
    }
  }
  const responder = createUnroutedResponder(mounted);
  app.setNotFoundHandler((req, reply) => responder.notFound(req, reply));
  // Covers the not-found route too: its body is parsed before the handler runs.
  app.setErrorHandler((err, req, reply) => responder.error(err, req, reply));
  return responder;
}

export type { AppRouter };
