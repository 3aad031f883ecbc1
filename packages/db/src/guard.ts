import type { Sql, TransactionSql } from 'postgres';
import { pgErrorCode, databaseUnavailable as unavailable } from './errors';
import { assertOpen, type RequestScope, remainingMs as remaining, takePendingScope } from './request-scope';
import { shouldName } from './statements';

// Fail fast in front of the postgres.js pool. postgres.js queues every query until a connection frees up or
// comes back, without bound: in an outage requests were held for tens of seconds and then committed after
// the restart, long after their clients had given up. The guard:
//  - admits a bounded number of operations at a time: single statements up to `max × pipeline` (postgres.js
//    pipelines them, several to a connection, so one socket write and one read carry many), and whole
//    transactions up to `max - 1` (each holds a connection of its own, and one connection always stays free
//    for statements). Waiting for a slot is bounded by `acquireTimeoutMs` and by the request's deadline
//    (POOL_TIMEOUT, answered 503);
//  - once a call fails because the server is gone, refuses new calls at once (DATABASE_DOWN, 503) and probes
//    in the background until the server answers again;
//  - abandons a call when its deadline passes (DEADLINE_EXCEEDED, 503): a transaction's is its request's
//    (`transactionFor` hands the request's scope to `begin`), a statement's runs from its call; it never lets a
//    transaction commit after its client was answered or its deadline passed (the COMMIT itself is never
//    abandoned).

export type GuardOptions = {
  /** Connections in the pool. */
  max: number;
  /** Statements one connection carries at once (1: no pipelining). */
  pipeline: number;
  /** How long a statement outside a transaction may take, from its call (waiting for admission included). */
  statementDeadlineMs: number;
  acquireTimeoutMs: number;
  probeIntervalMs: number;
  /** Run queries as named statements (see statements.ts). */
  prepare: boolean;
  /** Resolves when the server answers (a `select 1` on a connection outside the pool). */
  probe: () => Promise<void>;
};

/** The pool as the guard admits to it: operations holding a slot, operations waiting for one, the connections. */
export type PoolStats = { inUse: number; waiting: number; max: number };

export type DatabaseGuard = {
  sql: Sql;
  readonly down: boolean;
  stats(): PoolStats;
  close(): void;
};

// Failures that say the server (or the path to it) is gone; a statement timeout or a full pool do not.
const SERVER_GONE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

type Waiter = { grant: () => void; fail: (err: Error) => void };

const DEADLINE_SWEEP_MS = 50;

/** A bounded number of slots; a caller waits for one at most `timeoutMs` (POOL_TIMEOUT). */
function slots(size: number) {
  let free = size;
  const waiters: Waiter[] = [];
  return {
    get waiting() {
      return waiters.length;
    },
    get inUse() {
      return size - free;
    },
    /** Takes a slot: synchronously when one is free (the hot path), else a promise of one. */
    take(timeoutMs: number): Promise<void> | undefined {
      if (free > 0) {
        free--;
        return undefined;
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          grant: () => {
            clearTimeout(timer);
            resolve();
          },
          fail: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        };
        const timer = setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(unavailable('POOL_TIMEOUT', 'no database connection free in time'));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    give() {
      const next = waiters.shift();
      if (next) next.grant();
      else free++;
    },
    failWaiting(err: Error) {
      for (const w of waiters.splice(0)) w.fail(err);
    },
  };
}

export function guardPostgres(client: Sql, options: GuardOptions): DatabaseGuard {
  const statements = slots(options.max * options.pipeline);
  const transactions = slots(Math.max(1, options.max - 1));
  let down = false;
  let probing: NodeJS.Timeout | undefined;
  let closed = false;

  function markDown() {
    if (down || closed) return;
    down = true;
    const err = unavailable('DATABASE_DOWN', 'database unavailable');
    statements.failWaiting(err);
    transactions.failWaiting(err);
    const probe = () => {
      options.probe().then(
        () => {
          down = false;
          probing = undefined;
        },
        () => {
          if (!closed) probing = setTimeout(probe, options.probeIntervalMs);
        },
      );
    };
    probing = setTimeout(probe, options.probeIntervalMs);
  }

  function observe(err: unknown) {
    const code = pgErrorCode(err);
    if (code && SERVER_GONE.has(code)) markDown();
  }

  /** A slot of `kind`, refused at once while the server is down or the deadline (performance.now()) has passed. */
  function acquire(kind: ReturnType<typeof slots>, deadline: number): Promise<void> | undefined {
    if (down) throw unavailable('DATABASE_DOWN', 'database unavailable');
    const left = deadline - performance.now();
    if (left <= 0) throw unavailable('DEADLINE_EXCEEDED', 'request deadline exceeded');
    return kind.take(Math.min(options.acquireTimeoutMs, left));
  }

  /** Settles with `work`, or rejects at the request's deadline unless `mayAbandon()` says no (a COMMIT is in flight). */
  // Calls in flight with a deadline, swept by one interval timer while there are any: a timer per call cost
  // more than the rest of the guard. A call is abandoned at most DEADLINE_SWEEP_MS after its deadline.
  const watched = new Set<{ deadline: number; expire: () => void }>();
  let sweeper: NodeJS.Timeout | undefined;
  function sweep() {
    const now = performance.now();
    for (const call of watched)
      if (call.deadline <= now) {
        watched.delete(call);
        call.expire();
      }
    if (watched.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  }

  /** Has `expire` called once `deadline` (performance.now()) passes, unless unwatched before. */
  function watch(deadline: number, expire: () => void) {
    const call = { deadline, expire };
    watched.add(call);
    sweeper ??= setInterval(sweep, DEADLINE_SWEEP_MS).unref();
    return call;
  }

  function withDeadline<T>(work: Promise<T>, deadline: number, mayAbandon: () => boolean = () => true): Promise<T> {
    if (!Number.isFinite(deadline)) return work;
    return new Promise<T>((resolve, reject) => {
      const call = watch(deadline, () => {
        if (mayAbandon()) reject(unavailable('DEADLINE_EXCEEDED', 'request deadline exceeded'));
      });
      work.then(
        (v) => {
          watched.delete(call);
          resolve(v);
        },
        (e) => {
          watched.delete(call);
          reject(e);
        },
      );
    });
  }

  type Runner = (q: ReturnType<Sql['unsafe']>) => void;

  /** A lazy stand-in for postgres.js's PendingQuery with what drizzle uses: `.values()` and awaiting it. */
  function lazyQuery(start: (asValues: boolean) => Promise<unknown>) {
    let asValues = false;
    let promise: Promise<unknown> | undefined;
    const run = () => {
      promise ??= start(asValues);
      return promise;
    };
    const pending = {
      values() {
        asValues = true;
        return pending;
      },
      // biome-ignore lint/suspicious/noThenProperty: it stands in for postgres.js's thenable query
      then<A, B>(onFulfilled?: (v: unknown) => A | PromiseLike<A>, onRejected?: (e: unknown) => B | PromiseLike<B>) {
        return run().then(onFulfilled, onRejected);
      },
      catch<B>(onRejected: (e: unknown) => B | PromiseLike<B>) {
        return run().catch(onRejected);
      },
      finally(onFinally: () => void) {
        return run().finally(onFinally);
      },
    };
    return pending;
  }

  function startQuery(target: Sql | TransactionSql, args: Parameters<Sql['unsafe']>, asValues: boolean, prepared?: Runner) {
    const [text, params, opts] = args;
    const prepare = shouldName(options.prepare, text, params);
    const q = target.unsafe(text, params, opts ? { ...opts, prepare } : { prepare });
    if (asValues) q.values();
    prepared?.(q);
    return q;
  }

  // Inside a transaction: the slot is the transaction's, only the deadline applies.
  function guardTransaction(tx: TransactionSql, scope: RequestScope | undefined): TransactionSql {
    return new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === 'unsafe')
          return (...args: Parameters<Sql['unsafe']>) =>
            lazyQuery(async (asValues) => {
              if (remaining(scope) <= 0) throw unavailable('DEADLINE_EXCEEDED', 'request deadline exceeded');
              return withDeadline(Promise.resolve(startQuery(target, args, asValues)), scope?.deadline ?? Number.POSITIVE_INFINITY);
            });
        if (prop === 'savepoint')
          return (...args: unknown[]) => {
            const fn = args[args.length - 1] as (s: TransactionSql) => unknown;
            const name = args.length > 1 ? args[0] : undefined;
            const wrapped = (s: TransactionSql) => fn(guardTransaction(s, scope));
            return name === undefined
              ? (target.savepoint as (f: unknown) => Promise<unknown>)(wrapped)
              : (target.savepoint as (n: unknown, f: unknown) => Promise<unknown>)(name, wrapped);
          };
        return Reflect.get(target, prop, receiver);
      },
    });
  }

  /**
   * One statement outside a transaction: a slot, the query, the slot back when the query really ends (not
   * when its request stops waiting for it), abandoned at its deadline. One promise per statement: this runs
   * for every read.
   */
  function statement(args: Parameters<Sql['unsafe']>, asValues: boolean): Promise<unknown> {
    const deadline = performance.now() + options.statementDeadlineMs;
    let wait: Promise<void> | undefined;
    try {
      wait = acquire(statements, deadline);
    } catch (err) {
      return Promise.reject(err);
    }
    return wait ? wait.then(() => admitted(args, asValues, deadline)) : admitted(args, asValues, deadline);
  }

  function admitted(args: Parameters<Sql['unsafe']>, asValues: boolean, deadline: number): Promise<unknown> {
    let q: ReturnType<Sql['unsafe']>;
    try {
      q = startQuery(client, args, asValues);
    } catch (err) {
      statements.give();
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      const call = Number.isFinite(deadline)
        ? watch(deadline, () => reject(unavailable('DEADLINE_EXCEEDED', 'request deadline exceeded')))
        : undefined;
      q.then(
        (v) => {
          statements.give();
          if (call) watched.delete(call);
          resolve(v);
        },
        (err) => {
          statements.give();
          observe(err);
          if (call) watched.delete(call);
          reject(err);
        },
      );
    });
  }

  // Built once: drizzle reads `unsafe` for every query.
  const unsafe = (...args: Parameters<Sql['unsafe']>) => lazyQuery((asValues) => statement(args, asValues));

  const guarded = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') return unsafe;
      if (prop === 'begin')
        return async (...args: unknown[]) => {
          const fn = args[args.length - 1] as (s: TransactionSql) => unknown;
          const mode = args.length > 1 ? (args[0] as string) : undefined;
          const scope = takePendingScope();
          const deadline = scope?.deadline ?? Number.POSITIVE_INFINITY;
          const wait = acquire(transactions, deadline);
          if (wait) await wait;
          let committing = false;
          let abandoned = false;
          const body = async (tx: TransactionSql) => {
            const result = await fn(guardTransaction(tx, scope));
            // Never commit for a client that has been answered, or whose deadline passed.
            if (abandoned) throw unavailable('DEADLINE_EXCEEDED', 'request deadline exceeded before commit');
            assertOpen(scope);
            committing = true;
            return result;
          };
          const work = (mode === undefined ? target.begin(body) : target.begin(mode, body)).then(
            (v) => {
              transactions.give();
              return v;
            },
            (err) => {
              transactions.give();
              observe(err);
              throw err;
            },
          );
          return withDeadline(work, deadline, () => {
            if (committing) return false;
            abandoned = true;
            return true;
          });
        };
      return Reflect.get(target, prop, receiver);
    },
  });

  return {
    sql: guarded,
    get down() {
      return down;
    },
    stats: () => ({
      inUse: statements.inUse + transactions.inUse,
      waiting: statements.waiting + transactions.waiting,
      max: options.max,
    }),
    close() {
      closed = true;
      if (probing) clearTimeout(probing);
      if (sweeper) clearInterval(sweeper);
    },
  };
}
