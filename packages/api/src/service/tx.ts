import { pgErrorCode, type Transaction, transactionFor } from '@profilehub/db';
import type { AuthedContext, Context } from '../context';

/** A context whose queries run inside one transaction. */
export type TxContext<C extends Context = AuthedContext> = C & { tx: Transaction };

/**
 * Runs a service body in one transaction; audit rows and change sequences written through `tx` commit with it,
 * and never after the request it runs for was answered (`ctx.scope`).
 */
export function inTransaction<C extends Context, T>(ctx: C, fn: (ctx: TxContext<C>) => Promise<T>): Promise<T> {
  return transactionFor(ctx.db, ctx.scope, (tx) => fn({ ...ctx, tx }));
}

// PostgreSQL's answer to a statement sent after an earlier one of the same transaction failed.
const IN_FAILED_TRANSACTION = '25P02';

/**
 * Runs independent statements of one transaction together: postgres.js sends each as it is issued on the
 * transaction's connection, without waiting for the previous answer, so they cost one round trip instead of
 * one each (PGlite runs them one after the other). Every one is waited for, even after one failed, so none
 * is still running when the transaction ends. A failure is answered as if they had run one after the other:
 * the first in argument order, passing over statements that only failed because the transaction was
 * already aborted by another.
 */
export async function together<T extends readonly unknown[]>(...work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(work);
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (failures.length > 0) throw failures.find((e) => pgErrorCode(e) !== IN_FAILED_TRANSACTION) ?? failures[0];
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
