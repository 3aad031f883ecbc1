import type { Database, Transaction } from './client';
import { databaseUnavailable } from './errors';

// The request a database call is made for: its deadline, and whether its client has been answered already.
// The server opens one per HTTP request and hands it to the request's context, which passes it to every
// transaction it runs (`transactionFor`): such a transaction never commits after its client got an answer (an
// error, a timeout, a dropped socket) or after its deadline, and on PostgreSQL it waits for a connection no
// longer than the deadline allows (guard.ts). Statements outside a transaction have a deadline of their own.
// The scope is passed explicitly: carried in an AsyncLocalStorage, it made every promise in the process pay
// for async hooks (15-20 % of the server's CPU on a GET-by-id).

export type RequestScope = {
  /** performance.now() after which the request's database work is abandoned. */
  deadline: number;
  answered: boolean;
};

export function openRequestScope(deadlineMs: number): RequestScope {
  return { deadline: performance.now() + deadlineMs, answered: false };
}

/** Milliseconds left before the scope's deadline (infinite without a scope). */
export function remainingMs(scope: RequestScope | undefined): number {
  return scope ? scope.deadline - performance.now() : Number.POSITIVE_INFINITY;
}

/** Refuses further work for a request that has been answered or whose deadline has passed. */
export function assertOpen(scope: RequestScope | undefined): void {
  if (scope && (scope.answered || remainingMs(scope) <= 0))
    throw databaseUnavailable('DEADLINE_EXCEEDED', 'request deadline exceeded before commit');
}

let pendingScope: RequestScope | undefined;

/**
 * The scope `transactionFor` is starting a transaction for, taken once by the PostgreSQL guard's `begin`:
 * drizzle's `transaction()` calls the driver's `begin` synchronously, inside `transactionFor`.
 */
export function takePendingScope(): RequestScope | undefined {
  const scope = pendingScope;
  pendingScope = undefined;
  return scope;
}

/** Runs `fn` in one transaction on behalf of the request `scope` (none: no deadline, e.g. the CLI). */
export function transactionFor<T>(db: Database, scope: RequestScope | undefined, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  pendingScope = scope;
  try {
    return db.transaction(async (tx) => {
      const result = await fn(tx);
      // Never commit for a client that has been answered (PGlite has no guard; on PostgreSQL the guard checks
      // again, and keeps its deadline from abandoning a COMMIT already sent).
      assertOpen(scope);
      return result;
    });
  } finally {
    pendingScope = undefined;
  }
}
