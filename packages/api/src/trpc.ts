import { isDatabaseUnavailable, isUniqueViolation } from '@profilehub/db';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Actor, AdminActor } from './auth/actor';
import type { Scope } from './auth/scope';
import type { Context } from './context';
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

/** The one mapping from domain/driver errors to tRPC codes. The original error stays as `cause`. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const err = result.error;
  const domain = findDomainError(err);
  if (domain instanceof ThrottledError) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: domain.message, cause: domain });
  if (domain) throw new TRPCError({ code: codeForKind[domain.kind], message: domain.message, cause: domain });
  if (err.code === 'INTERNAL_SERVER_ERROR') {
    if (isUniqueViolation(err)) throw new TRPCError({ code: 'CONFLICT', message: 'Already exists', cause: err.cause });
    if (isDatabaseUnavailable(err)) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Database unavailable', cause: err.cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send an API token' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** Requires every listed scope (roles map to scopes; API tokens carry a subset of their owner's). */
export function scopedProcedure(...required: Scope[]) {
  return authedProcedure.use(({ ctx, next }) => {
    const missing = required.filter((s) => !ctx.actor.scopes.includes(s));
    if (missing.length > 0) throw new TRPCError({ code: 'FORBIDDEN', message: `Missing scope: ${missing.join(', ')}` });
    return next();
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
  return scopedProcedure(...required).use(({ ctx, next }) => {
    if (ctx.actor.type === 'vendor') throw new ForbiddenError('ADMIN_ONLY', 'Not available to a vendor credential');
    return next({ ctx: { ...ctx, actor: ctx.actor as AdminActor } });
  });
}

/** Procedures that only a signed-in person (not an API token or vendor credential) may call. */
export const accountProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.type !== 'account') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only a signed-in account can do this' });
  return next({ ctx: { ...ctx, actor: ctx.actor as Extract<Actor, { type: 'account' }> } });
});
