import { type Transaction, transactionFor } from '@profilehub/db';
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
