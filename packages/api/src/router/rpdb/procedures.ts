import { TRPCError } from '@trpc/server';
import type { Scope } from '../../auth/scopes';
import { scopedProcedure } from '../../trpc';

/** Account-owner operations (accounts, attributes, keys): never reachable with an RPdb API key. */
export function rpdbAdminProcedure(scope: Extract<Scope, `rpdb:${string}`>) {
  return scopedProcedure(scope).use(({ ctx, next }) => {
    if (ctx.actor.type === 'vendor') throw new TRPCError({ code: 'FORBIDDEN', message: 'Not available to an RPdb API key' });
    return next();
  });
}
