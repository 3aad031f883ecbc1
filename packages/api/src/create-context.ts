import { type Database, isDatabaseUnavailable, type RequestScope } from '@profilehub/db';
import { TRPCError } from '@trpc/server';
import { buildContext, type Context, type ResponseHooks } from './context';
import { resolveActor } from './service/auth';

/** The credentials of a tRPC request, already taken out of the request by its transport. */
export type ApiCredentials = { bearer?: string; session?: string };

/** Builds a tRPC request context: resolves the actor from an API token or an admin session secret. */
export async function createContext(opts: {
  db: Database;
  requestId: string;
  credentials: ApiCredentials;
  now?: () => Date;
  response?: ResponseHooks;
  meta?: Context['meta'];
  scope?: RequestScope;
}): Promise<Context> {
  const now = opts.now ?? (() => new Date());
  // Context creation runs outside the procedure middleware, so an outage here is mapped here.
  const actor = await resolveActor(opts.db, opts.credentials, now()).catch((err: unknown) => {
    if (isDatabaseUnavailable(err)) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Database unavailable', cause: err });
    throw err;
  });
  return buildContext({ ...opts, now, actor });
}
