import type { Transaction } from '@profilehub/db';
import type { AuthedContext, Context } from '../context';

/** A context whose queries run inside one transaction. */
export type TxContext<C extends Context = AuthedContext> = C & { tx: Transaction };

/** Runs a service body in one transaction; audit rows and change sequences written through `tx` commit with it. */
export function inTransaction<C extends Context, T>(ctx: C, fn: (ctx: TxContext<C>) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, tx }));
}

/**
 * Runs independent statements of one transaction together: postgres.js sends each as it is issued on the
 * transaction's connection, without waiting for the previous answer, so they cost one round trip instead of
 * one each (PGlite runs them one after the other). Every one is waited for, even after one failed, so none
 * is still running when the transaction ends; the failure that came first is the one thrown (a statement
 * sent after it only fails because the transaction was already aborted).
 */
export async function together<T extends readonly unknown[]>(...work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  let failure: { error: unknown } | undefined;
  const settled = await Promise.allSettled(
    work.map((p) =>
      p.catch((error: unknown) => {
        failure ??= { error };
        throw error;
      }),
    ),
  );
  if (failure) throw failure.error;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
