import { isDatabaseUnavailable, isUniqueViolation } from '@profilehub/db';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Actor, AdminActor } from './auth/actor';
import type { Scope } from './auth/scope';
import type { AuthedContext, Context } from './context';
import { type DomainErrorKind, ForbiddenError, findDomainError, ThrottledError } from './errors';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const domain = findDomainError(error);
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      data: {
        ...data,
        domainCode: domain?.code ?? null,
        // A throttled sign-in: when to try again (also the Retry-After header over HTTP).
        retryAfterSeconds: domain instanceof ThrottledError ? domain.retryAfterSeconds : null,
        issues:
          error.cause instanceof ZodError
            ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
            : ((domain?.details.issues as unknown[]) ?? null),
      },
    };
  },
});

const codeForKind: Record<DomainErrorKind, TRPCError['code']> = {
  validation: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  precondition: 'PRECONDITION_FAILED',
  too_large: 'PAYLOAD_TOO_LARGE',
  unavailable: 'SERVICE_UNAVAILABLE',
};

/** The one mapping from domain/driver errors to tRPC codes (undefined: keep the error as it is). */
function mapError(err: TRPCError): TRPCError | undefined {
  const domain = findDomainError(err);
  if (domain instanceof ThrottledError) return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: domain.message, cause: domain });
  if (domain) return new TRPCError({ code: codeForKind[domain.kind], message: domain.message, cause: domain });
  if (err.code === 'INTERNAL_SERVER_ERROR') {
    if (isUniqueViolation(err)) return new TRPCError({ code: 'CONFLICT', message: 'Already exists', cause: err.cause });
    if (isDatabaseUnavailable(err))
      return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Database unavailable', cause: err.cause });
  }
  return undefined;
}

function rethrowMapped(err: unknown): never {
  const trpcError = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err });
  throw mapError(trpcError) ?? trpcError;
}

/**
 * A kind of procedure: one middleware admits the caller (and may add to the context) and maps every error
 * the call raises. One layer, not one per check: tRPC copies a call's options twice per middleware layer,
 * which on a GET-by-id cost more than building its SQL.
 */
function admitting<Added extends object>(admit: (ctx: Context) => Added | Promise<Added>) {
  return t.procedure.use(async ({ ctx, next }) => {
    let added: Added;
    try {
      added = await admit(ctx);
    } catch (err) {
      rethrowMapped(err);
    }
    const result = await next({ ctx: added });
    if (!result.ok) rethrowMapped(result.error);
    return result;
  });
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

export const publicProcedure = admitting(() => ({}));

function signedIn(ctx: Context): Actor {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send an API token' });
  return ctx.actor;
}

/** The caller's actor when it holds every listed scope (roles map to scopes; API tokens carry a subset of their owner's). */
export function requireScopes(ctx: Context, required: readonly Scope[]): Actor {
  const actor = signedIn(ctx);
  const missing = required.filter((s) => !actor.scopes.includes(s));
  if (missing.length > 0) throw new TRPCError({ code: 'FORBIDDEN', message: `Missing scope: ${missing.join(', ')}` });
  return actor;
}

export const authedProcedure = admitting((ctx) => ({ actor: signedIn(ctx) }));

/** Requires every listed scope. */
export function scopedProcedure(...required: Scope[]) {
  return admitting((ctx) => ({ actor: requireScopes(ctx, required) }));
}

/**
 * Requires every listed scope and lets the procedure add to the context (e.g. the caller's vendor access
 * level), in the same single middleware.
 */
export function scopedProcedureWith<Added extends object>(required: Scope[], add: (ctx: AuthedContext) => Added | Promise<Added>) {
  return admitting(async (ctx) => {
    const actor = requireScopes(ctx, required);
    return { ...(await add(ctx as AuthedContext)), actor };
  });
}

/**
 * The one guard for "a vendor credential may not do this": workspace administration (accounts, tokens,
 * vendor sub-structures such as RPdb keys, SOAJS tenants, 2N directories, Appgate admins) needs scopes AND
 * an actor acting for the workspace itself (a signed-in account or an API token). Vendor credentials hold
 * vendor scopes so they can call the procedures their surface serves, never these. Services behind it take
 * an `AdminContext`, so the type says who may call them.
 */
export function adminProcedure(...required: Scope[]) {
  return admitting((ctx) => {
    const actor = requireScopes(ctx, required);
    if (actor.type === 'vendor') throw new ForbiddenError('ADMIN_ONLY', 'Not available to a vendor credential');
    return { actor: actor as AdminActor };
  });
}

/** Procedures that only a signed-in person (not an API token or vendor credential) may call. */
export const accountProcedure = admitting((ctx) => {
  const actor = signedIn(ctx);
  if (actor.type !== 'account') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only a signed-in account can do this' });
  return { actor: actor as Extract<Actor, { type: 'account' }> };
});
