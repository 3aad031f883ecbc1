import { accounts, type Database, workspaces } from '@profilehub/db';
import { count } from 'drizzle-orm';
import type { AdminActor } from '../auth/actor';
import { hashPassword } from '../auth/password';
import type { AdminContext } from '../context';
import { scopesForRole } from '../scopes';
import { audit } from './audit';

export async function countWorkspaces(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(workspaces);
  return row?.n ?? 0;
}

/** Creates a workspace with its first owner; returns a context acting as that owner. */
export async function createWorkspaceWithOwner(
  db: Database,
  input: { slug: string; name: string; username: string; password: string; requestId?: string },
): Promise<AdminContext> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [ws] = await tx.insert(workspaces).values({ slug: input.slug, name: input.name }).returning();
    const [owner] = await tx
      .insert(accounts)
      .values({ workspaceId: ws!.id, username: input.username, displayName: 'Workspace owner', role: 'owner', passwordHash })
      .returning();
    const actor: AdminActor = {
      type: 'account',
      workspaceId: ws!.id,
      accountId: owner!.id,
      label: owner!.username,
      role: 'owner',
      scopes: scopesForRole('owner'),
    };
    const ctx: AdminContext = { db, actor, requestId: input.requestId ?? 'bootstrap', now: () => new Date(), meta: {} };
    await audit(
      { ...ctx, tx },
      {
        action: 'workspace.create',
        entityType: 'workspace',
        entityId: ws!.id,
        after: { slug: ws!.slug, name: ws!.name, owner: owner!.username },
      },
    );
    return ctx;
  });
}
