import { isUniqueViolation, rpdbAccounts } from '@profilehub/db';
import { asc, eq } from 'drizzle-orm';
import { hashPassword } from '../../auth/password';
import { generatePassword } from '../../auth/secrets';
import type { AuthedContext } from '../../context';
import type { RpdbAccount, RpdbAccountCreateInput } from '../../contract/rpdb';
import { ConflictError } from '../../errors';
import { audit } from '../audit';
import { inTransaction } from '../tx';

const columns = { id: rpdbAccounts.id, name: rpdbAccounts.name, createdAt: rpdbAccounts.createdAt, updatedAt: rpdbAccounts.updatedAt };

export async function listRpdbAccounts({ ctx }: { ctx: AuthedContext }): Promise<RpdbAccount[]> {
  return ctx.db.select(columns).from(rpdbAccounts).where(eq(rpdbAccounts.workspaceId, ctx.actor.workspaceId)).orderBy(asc(rpdbAccounts.id));
}

/** Creates an RPdb account; a generated password is returned here and never again. */
export async function createRpdbAccount({ ctx, input }: { ctx: AuthedContext; input: RpdbAccountCreateInput }) {
  const generated = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated!);
  return inTransaction(ctx, async (tx) => {
    try {
      const [account] = await tx.tx
        .insert(rpdbAccounts)
        .values({ workspaceId: ctx.actor.workspaceId, name: input.name, passwordHash, createdAt: ctx.now(), updatedAt: ctx.now() })
        .returning(columns);
      await audit(tx, { action: 'rpdb.account.create', entityType: 'rpdb_account', entityId: account!.id, after: account });
      return { account: account!, password: generated };
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('ACCOUNT_ALREADY_EXISTS', `An RPdb account named ${input.name} already exists`);
      throw err;
    }
  });
}
