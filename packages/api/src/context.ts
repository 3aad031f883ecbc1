import type { Database, RequestScope } from '@profilehub/db';
import type { Actor, AdminActor } from './auth/actor';

// Types of the request context, and its one builder. This module imports no service: services import these
// types, so anything here that called a service would close an import cycle.

/** What a transport lets a procedure do beyond its result: start or end the caller's admin session. */
export type ResponseHooks = {
  /** Hand the new session secret to the client (the HTTP transport sets an HttpOnly cookie). */
  startSession(secret: string, expiresAt: Date): void;
  endSession(): void;
};

export type Context = {
  db: Database;
  actor: Actor | null;
  requestId: string;
  /** Injected clock: tests move time instead of waiting. */
  now: () => Date;
  response?: ResponseHooks;
  meta: { ip?: string; userAgent?: string };
  /** The HTTP request's deadline and answered state: its transactions never commit once it was answered. */
  scope?: RequestScope;
};

/** A context whose actor is known (after `authedProcedure`). */
export type AuthedContext = Context & { actor: Actor };

/** A context acting for the workspace itself, never a vendor credential (after `adminProcedure`). */
export type AdminContext = Context & { actor: AdminActor };

/**
 * Builds a request context for an actor a transport has already resolved (tRPC: API token or session;
 * REST: the vendor surface's credential; null when anonymous).
 */
export function buildContext(opts: {
  db: Database;
  requestId: string;
  actor: Actor | null;
  now?: () => Date;
  response?: ResponseHooks;
  meta?: Context['meta'];
  scope?: RequestScope;
}): Context {
  return {
    db: opts.db,
    actor: opts.actor,
    requestId: opts.requestId,
    now: opts.now ?? (() => new Date()),
    response: opts.response,
    meta: opts.meta ?? {},
    scope: opts.scope,
  };
}
