import { AsyncLocalStorage } from 'node:async_hooks';

// The request a database call is made for: its deadline, and whether its client has been answered already.
// The server opens one per HTTP request; the PostgreSQL guard reads it so that no call outlives its request's
// deadline and no transaction commits after its client got an answer (an error, a timeout, a dropped socket).

export type RequestScope = {
  /** performance.now() after which the request's database work is abandoned. */
  deadline: number;
  answered: boolean;
};

const storage = new AsyncLocalStorage<RequestScope>();

export function openRequestScope(deadlineMs: number): RequestScope {
  return { deadline: performance.now() + deadlineMs, answered: false };
}

/** Runs `fn` (and everything it starts) inside `scope`. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
