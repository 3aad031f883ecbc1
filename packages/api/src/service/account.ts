import { type AccountRole, accounts, adminSessions, isUniqueViolation } from '@profilehub/db';
import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import { generatePassword } from '../auth/secrets';
import type { AdminContext } from '../context';
import type { AccountCreateInput, AccountPageInput, AccountSetDisabledInput, AccountUpdateInput } from '../contract/identity';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError } from '../errors';
import { audit } from './audit';
import { orderFor, pageOf, textFilter } from './page';
import { inTransaction, type TxContext } from './tx';

const rank: Record<AccountRole, number> = { viewer: 0, admin: 1, owner: 2 };

const publicColumns = {
  id: accounts.id,
  username: accounts.username,
  displayName: accounts.displayName,
  role: accounts.role,
  disabledAt: accounts.disabledAt,
  createdAt: accounts.createdAt,
  updatedAt: accounts.updatedAt,
};

// Nobody grants a role above their own, and nobody manages someone ranked above them.
function assertCanGrant(ctx: AdminContext, role: AccountRole) {
  if (rank[role] > rank[ctx.actor.role]) throw new ForbiddenError('ROLE_TOO_HIGH', `You cannot grant the ${role} role`);
}

export async function listAccounts({ ctx }: { ctx: AdminContext }) {
  return ctx.db.select(publicColumns).from(accounts).where(eq(accounts.workspaceId, ctx.actor.workspaceId)).orderBy(asc(accounts.username));
}

/** The accounts table: a page at a time, sorted and filtered by username or display name. */
export async function pageAccounts({ ctx, input }: { ctx: AdminContext; input: AccountPageInput }) {
  const where = and(eq(accounts.workspaceId, ctx.actor.workspaceId), textFilter(input.q, [accounts.username, accounts.displayName]));
  const order = orderFor(
    input,
    {
      // lower(username) is what accounts_workspace_username_uq indexes.
      username: [sql`lower(${accounts.username})`],
      displayName: [accounts.displayName],
      role: [accounts.role],
      status: [sql`${accounts.disabledAt} is not null`],
      createdAt: [accounts.createdAt],
    },
    accounts.id,
  );
  return pageOf(
    ctx.db
      .select(publicColumns)
      .from(accounts)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(accounts).where(where),
  );
}

async function loadForUpdate(ctx: TxContext<AdminContext>, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.actor.workspaceId), eq(accounts.id, id)))
    .for('update');
  if (!row) throw new NotFoundError('account', id);
  return row;
}

async function assertAnotherActiveOwner(ctx: TxContext<AdminContext>, exceptId: string) {
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.actor.workspaceId),
        eq(accounts.role, 'owner'),
        isNull(accounts.disabledAt),
        ne(accounts.id, exceptId),
      ),
    );
  if ((row?.n ?? 0) === 0) throw new PreconditionError('LAST_OWNER', 'A workspace must keep at least one active owner');
}

export async function createAccount({
  ctx,
  input,
}: {
  ctx: AdminContext;
  input: Required<Omit<AccountCreateInput, 'password'>> & { password?: string };
}) {
  assertCanGrant(ctx, input.role);
  const generated = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated!);
  return inTransaction(ctx, async (tx) => {
    try {
      const [account] = await tx.tx
        .insert(accounts)
        .values({
          workspaceId: ctx.actor.workspaceId,
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          passwordHash,
        })
        .returning(publicColumns);
      await audit(tx, { action: 'account.create', entityType: 'account', entityId: account!.id, after: account });
      return { account: account!, password: generated };
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('ACCOUNT_EXISTS', `An account named ${input.username} already exists`);
      throw err;
    }
  });
}

export async function updateAccount({ ctx, input }: { ctx: AdminContext; input: AccountUpdateInput }) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, input.id);
    if (rank[before.role] > rank[ctx.actor.role])
      throw new ForbiddenError('ROLE_TOO_HIGH', 'You cannot change an account ranked above you');
    if (input.role) {
      assertCanGrant(ctx, input.role);
      if (before.role === 'owner' && input.role !== 'owner') await assertAnotherActiveOwner(tx, before.id);
    }
    const [after] = await tx.tx
      .update(accounts)
      .set({
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.role && { role: input.role }),
        ...(passwordHash && { passwordHash }),
        updatedAt: ctx.now(),
      })
      .where(and(eq(accounts.workspaceId, ctx.actor.workspaceId), eq(accounts.id, input.id)))
      .returning(publicColumns);
    if (passwordHash) {
      // A password change signs the account out everywhere.
      await tx.tx
        .delete(adminSessions)
        .where(and(eq(adminSessions.workspaceId, ctx.actor.workspaceId), eq(adminSessions.accountId, input.id)));
    }
    const { passwordHash: _omit, ...beforePublic } = before;
    await audit(tx, {
      action: 'account.update',
      entityType: 'account',
      entityId: input.id,
      before: beforePublic,
      after: { ...after, ...(passwordHash && { password: 'changed' }) },
    });
    return after!;
  });
}

export async function setAccountDisabled({ ctx, input }: { ctx: AdminContext; input: AccountSetDisabledInput }) {
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, input.id);
    if (rank[before.role] > rank[ctx.actor.role])
      throw new ForbiddenError('ROLE_TOO_HIGH', 'You cannot change an account ranked above you');
    if (input.disabled) {
      if (ctx.actor.accountId === input.id) throw new PreconditionError('SELF_DISABLE', 'You cannot disable your own account');
      if (before.role === 'owner') await assertAnotherActiveOwner(tx, before.id);
      await tx.tx
        .delete(adminSessions)
        .where(and(eq(adminSessions.workspaceId, ctx.actor.workspaceId), eq(adminSessions.accountId, input.id)));
    }
    const [after] = await tx.tx
      .update(accounts)
      .set({ disabledAt: input.disabled ? (before.disabledAt ?? ctx.now()) : null, updatedAt: ctx.now() })
      .where(and(eq(accounts.workspaceId, ctx.actor.workspaceId), eq(accounts.id, input.id)))
      .returning(publicColumns);
    await audit(tx, {
      action: input.disabled ? 'account.disable' : 'account.enable',
      entityType: 'account',
      entityId: input.id,
      before: { disabledAt: before.disabledAt },
      after: { disabledAt: after!.disabledAt },
    });
    return after!;
  });
}
