import { accounts, apiTokens } from '@profilehub/db';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { generateSecret, sha256 } from '../auth/secrets';
import type { AdminContext } from '../context';
import type { ApiToken, ApiTokenCreateInput, ApiTokenPageInput } from '../contract/identity';
import { ForbiddenError, NotFoundError } from '../errors';
import { audit } from './audit';
import { orderFor, pageOf, textFilter } from './page';
import { inTransaction } from './tx';

export const TOKEN_PREFIX = 'ph_';
// Enough to recognise a token in a list ("ph_3kF9x…") without weakening it.
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

function statusOf(row: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiToken['status'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  return 'active';
}

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scopes: apiTokens.scopes,
  accountId: apiTokens.accountId,
  accountUsername: accounts.username,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  createdAt: apiTokens.createdAt,
};

export async function listApiTokens({ ctx }: { ctx: AdminContext }): Promise<ApiToken[]> {
  const rows = await ctx.db
    .select(columns)
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(eq(apiTokens.workspaceId, ctx.actor.workspaceId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  const now = ctx.now();
  return rows.map((r) => ({ ...r, status: statusOf(r, now) }));
}

/** The tokens table: newest first by default (api_tokens_workspace_created_idx), filtered by name, prefix or owner. */
export async function pageApiTokens({ ctx, input }: { ctx: AdminContext; input: ApiTokenPageInput }) {
  const now = ctx.now();
  const where = and(
    eq(apiTokens.workspaceId, ctx.actor.workspaceId),
    textFilter(input.q, [apiTokens.name, apiTokens.prefix, accounts.username]),
  );
  const order = orderFor(
    input,
    {
      createdAt: [apiTokens.createdAt],
      name: [apiTokens.name],
      account: [accounts.username],
      lastUsedAt: [apiTokens.lastUsedAt],
      expiresAt: [apiTokens.expiresAt],
      // active, expired, revoked: the order statusOf() tells them apart.
      status: [
        sql`case when ${apiTokens.revokedAt} is not null then 2 when ${apiTokens.expiresAt} <= ${now.toISOString()}::timestamptz then 1 else 0 end`,
      ],
    },
    apiTokens.id,
  );
  const page = await pageOf(
    ctx.db
      .select(columns)
      .from(apiTokens)
      .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(apiTokens).innerJoin(accounts, eq(accounts.id, apiTokens.accountId)).where(where),
  );
  return { items: page.items.map((r) => ({ ...r, status: statusOf(r, now) })), total: page.total };
}

/** Creates a token; the plaintext is returned here and never again (only its SHA-256 is stored). */
export async function createApiToken({ ctx, input }: { ctx: AdminContext; input: ApiTokenCreateInput }) {
  const actor = ctx.actor;
  const excess = input.scopes.filter((s) => !actor.scopes.includes(s));
  if (excess.length > 0) throw new ForbiddenError('SCOPE_TOO_WIDE', `You cannot grant scopes you do not hold: ${excess.join(', ')}`);
  const token = generateSecret(TOKEN_PREFIX);
  const now = ctx.now();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.tx
      .insert(apiTokens)
      .values({
        workspaceId: actor.workspaceId,
        accountId: actor.accountId,
        name: input.name,
        prefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
        tokenHash: sha256(token),
        scopes: [...new Set(input.scopes)],
        expiresAt,
        createdAt: now,
      })
      .returning();
    const apiToken: ApiToken = {
      id: row!.id,
      name: row!.name,
      prefix: row!.prefix,
      scopes: row!.scopes,
      accountId: row!.accountId,
      accountUsername: actor.label.split('/')[0]!,
      expiresAt: row!.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: row!.createdAt,
      status: 'active',
    };
    await audit(tx, { action: 'api_token.create', entityType: 'api_token', entityId: row!.id, after: apiToken });
    return { token, apiToken };
  });
}

export async function revokeApiToken({ ctx, input }: { ctx: AdminContext; input: { id: string } }): Promise<ApiToken> {
  return inTransaction(ctx, async (tx) => {
    const scope = and(eq(apiTokens.workspaceId, ctx.actor.workspaceId), eq(apiTokens.id, input.id));
    const [before] = await tx.tx
      .select(columns)
      .from(apiTokens)
      .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
      .where(scope)
      .for('update', { of: apiTokens });
    if (!before) throw new NotFoundError('api_token', input.id);
    if (before.revokedAt) return { ...before, status: 'revoked' as const };
    const revokedAt = ctx.now();
    await tx.tx.update(apiTokens).set({ revokedAt, updatedAt: revokedAt }).where(scope);
    const after = { ...before, revokedAt, status: 'revoked' as const };
    await audit(tx, {
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: input.id,
      before: { revokedAt: null },
      after: { revokedAt },
    });
    return after;
  });
}
