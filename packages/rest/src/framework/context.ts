import { type Actor, buildContext, type Context, type Database, type RequestScope } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';

/** What a surface's auth convention gets besides the request. */
export type AuthDeps = { db: Database; now: () => Date };

/** The server's scope for a request (its deadline, whether it was answered), passed on to its context. */
export type ScopeOf = (req: FastifyRequest) => RequestScope | undefined;

/** A surface's auth convention: the actor its credential names, or a throw (answered in its envelope). */
export type Authenticate = (req: FastifyRequest, deps: AuthDeps) => Promise<Actor>;

/**
 * The one place a REST request becomes a tRPC caller context: the surface's auth convention resolves the
 * actor (public routes act as nobody) and the framework builds the context around it. Surfaces never build
 * contexts themselves, so a credential → actor cache (issue 15) plugs in here, around `authenticate`.
 */
export async function createRequestContext(
  req: FastifyRequest,
  opts: { authenticate: Authenticate; isPublic: boolean; deps: AuthDeps; scopeOf?: ScopeOf },
): Promise<Context> {
  const actor = opts.isPublic ? null : await opts.authenticate(req, opts.deps);
  return buildContext({
    db: opts.deps.db,
    requestId: req.id,
    now: opts.deps.now,
    actor,
    meta: { ip: req.ip, userAgent: req.headers['user-agent'] },
    scope: opts.scopeOf?.(req),
  });
}
