import { type Database, isDatabaseUnavailable } from '@profilehub/db';
import { TRPCError } from '@trpc/server';
import type { Actor } from './auth/actor';
import { resolveActor } from './service/auth';

export type CookieOptions = { maxAgeSeconds?: number; expires?: Date };

/** What a transport lets a procedure do to the response (the admin session cookie). */
export type ResponseHooks = {
  setSessionCookie(value: string, options: CookieOptions): void;
  clearSessionCookie(): void;
};

export type Context = {
  db: Database;
  actor: Actor | null;
  requestId: string;
  /** Injected clock: tests move time instead of waiting. */
  now: () => Date;
  response?: ResponseHooks;
  meta: { ip?: string; userAgent?: string };
};

/** A context whose actor is known (after `authedProcedure`). */
export type AuthedContext = Context & { actor: Actor };

export const SESSION_COOKIE = 'ph_session';

export type RequestCredentials = {
  authorization?: string;
  cookie?: string;
  /** The session cookie's value when the transport parsed cookies itself (preferred over `cookie`). */
  session?: string;
};

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    // A value that is not valid percent-encoding is kept as sent (then simply matches no session).
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/** Builds a request context: resolves the actor from a bearer API token or the admin session cookie. */
export async function createContext(opts: {
  db: Database;
  requestId: string;
  credentials: RequestCredentials;
  now?: () => Date;
  response?: ResponseHooks;
  meta?: Context['meta'];
}): Promise<Context> {
  const now = opts.now ?? (() => new Date());
  const bearer = /^Bearer\s+(\S+)$/i.exec(opts.credentials.authorization ?? '')?.[1];
  const session = opts.credentials.session ?? readCookie(opts.credentials.cookie, SESSION_COOKIE);
  // Context creation runs outside the procedure middleware, so an outage here is mapped here.
  const actor = await resolveActor(opts.db, { bearer, session }, now()).catch((err: unknown) => {
    if (isDatabaseUnavailable(err)) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Database unavailable', cause: err });
    throw err;
  });
  return { db: opts.db, actor, requestId: opts.requestId, now, response: opts.response, meta: opts.meta ?? {} };
}

/** The context a vendor surface builds once its own credential convention has resolved the actor. */
export function createVendorContext(opts: {
  db: Database;
  requestId: string;
  now?: () => Date;
  actor: Extract<Actor, { type: 'vendor' }> | null;
  meta?: Context['meta'];
}): Context {
  return { db: opts.db, actor: opts.actor, requestId: opts.requestId, now: opts.now ?? (() => new Date()), meta: opts.meta ?? {} };
}
