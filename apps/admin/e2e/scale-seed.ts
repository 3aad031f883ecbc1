import { createCaller, createWorkspaceWithOwner, type Database, hashPassword } from '@profilehub/api';
import { accounts, flexcareEmployees, soajsUsers } from '@profilehub/db';

// A second workspace (`scale`) with 1,000+ rows in every list the admin shows, written straight into the
// server's data folder while the server is stopped (PGlite has one process at a time). Rows go through the
// tRPC caller (domain rules, audit rows) except where each create would hash a password (scrypt, ~50 ms):
// those rows are inserted in one statement with one shared hash. The demo workspace the other browser tests
// use is left as it was.

/** Rows per list: more than 1,000, named `scale 0001` … so the lists sort and filter predictably. */
export const SCALE_ROWS = 1_010;

export type ScaleWorkspace = {
  workspace: string;
  username: string;
  password: string;
  /** A FlexCare profile renamed SCALE_ROWS times (`history 0001` … `history 1010`): 1,000+ History rows. */
  historyProfileId: string;
};

const label = (i: number) => String(i).padStart(4, '0');
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Runs `make(i)` for 1…n, a few at a time (PGlite serialises them anyway; this keeps the queue short). */
async function each(n: number, make: (i: number) => Promise<unknown>) {
  const all = range(n);
  for (let i = 0; i < all.length; i += 20) await Promise.all(all.slice(i, i + 20).map(make));
}

/** 24 hex digits (an ObjectId's shape) unique per row and kind. */
const objectId = (kind: number, i: number) => `5ca1e${kind}${String(i).padStart(18, '0')}`;

export async function seedScaleWorkspace(db: Database): Promise<ScaleWorkspace> {
  const creds = { workspace: 'scale', username: 'owner', password: 'scale-owner-password-1' };
  const ctx = await createWorkspaceWithOwner(db, { slug: 'scale', name: 'Scale', ...creds, requestId: 'e2e-scale-seed' });
  const caller = createCaller(ctx);
  const workspaceId = ctx.actor.workspaceId;
  const passwordHash = await hashPassword('scale-row-password-1');

  await db
    .insert(accounts)
    .values(range(SCALE_ROWS).map((i) => ({ workspaceId, username: `scale${label(i)}`, displayName: `scale ${label(i)}`, passwordHash })));
  await each(SCALE_ROWS, (i) => caller.apiToken.create({ name: `scale ${label(i)}`, scopes: ['audit:read'] }));

  await caller.appgate.identityProvider.create({ name: 'scale-ldap', type: 'Ldap' });
  await each(SCALE_ROWS, (i) =>
    caller.appgate.clientProfile.create({ name: `scale ${label(i)}`, type: 'Profile', identityProviderName: 'scale-ldap' }),
  );

  await each(SCALE_ROWS, (i) => caller.flexcare.reseller.create({ name: `scale ${label(i)}` }));
  await each(SCALE_ROWS, (i) => caller.flexcare.customer.create({ name: `scale ${label(i)}` }));
  const customer = await caller.flexcare.customer.create({ name: 'Scale customer' });
  await db.insert(flexcareEmployees).values(
    range(SCALE_ROWS).map((i) => ({
      workspaceId,
      id: objectId(1, i),
      customerId: customer.id,
      username: `scale${label(i)}@example.com`,
      name: `scale ${label(i)}`,
      accessLevel: 'VIEWER' as const,
      passwordHash,
    })),
  );
  await each(SCALE_ROWS, (i) => caller.flexcare.language.create({ name: `scale ${label(i)}` }));
  await each(SCALE_ROWS, (i) => caller.flexcare.profile.create({ name: `scale ${label(i)}`, customer: customer.id }));
  const renamed = await caller.flexcare.profile.create({ name: 'history 0000', customer: customer.id });
  // One after the other: the History tab's order is the order of these changes.
  for (const i of range(SCALE_ROWS)) await caller.flexcare.profile.update({ id: renamed.id, name: `history ${label(i)}` });

  const { account } = await caller.rpdb.account.create({ name: 'scale' });
  await each(SCALE_ROWS, (i) => caller.rpdb.attribute.create({ accountId: account.id, name: `scale ${label(i)}` }));
  await each(SCALE_ROWS, (i) => caller.rpdb.apiKey.create({ accountId: account.id, name: `scale ${label(i)}` }));

  const tenant = await caller.soajs.tenant.create({ code: 'SCALE', name: 'Scale tenant' });
  await each(SCALE_ROWS, (i) => caller.soajs.tenant.create({ code: `SC${label(i)}`, name: `scale ${label(i)}` }));
  await each(SCALE_ROWS, (i) => caller.soajs.group.add({ tenantId: tenant.id, code: `scale${label(i)}`, name: `scale ${label(i)}` }));
  await db.insert(soajsUsers).values(
    range(SCALE_ROWS).map((i) => ({
      workspaceId,
      id: objectId(2, i),
      username: `scale${label(i)}`,
      passwordHash,
      firstName: 'scale',
      lastName: label(i),
      email: `scale${label(i)}@example.com`,
      status: 'active' as const,
      tenantId: tenant.id,
      tenantCode: tenant.code,
      ts: Date.now(),
    })),
  );

  const directory = await caller.twoN.directory.create({ name: 'Scale (Verso)', model: 'verso' });
  await caller.twoN.dir.create({ directoryId: directory.id, users: range(SCALE_ROWS).map((i) => ({ name: `scale ${label(i)}` })) });
  return { ...creds, historyProfileId: renamed.id };
}
