import { randomInt } from 'node:crypto';
import { flexcareCustomers, flexcareLicenses, flexcareProfiles } from '@profilehub/db';
import { and, asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuthedContext } from '../../context';
import type { FlexcareIdInput, FlexcareLicenseIssueInput, FlexcareLicenseListInput } from '../../contract/flexcare';
import { NotFoundError, ValidationError } from '../../errors';
import { audit } from '../audit';
import { inTransaction } from '../tx';
import { customerReach, type FlexcareAccess, type FlexcareContext } from './access';
import { newObjectId, parseObjectId } from './ids';
import { lockVisibleProfile } from './profile';

// Licenses of a dialog profile (seed 000 `api:flexcare:dialog:profiles:licenses:list`). The vendor lists
// them; issuing and revoking are admin-UI/tRPC features.

const lic = flexcareLicenses;
const p = flexcareProfiles;
const c = flexcareCustomers;

// The licenses page names its 404 differently from the profile pages: code `id`, "Dialog profile not found".
const dialogProfileNotFound = (id?: string) => new NotFoundError('Dialog profile', id, 'DIALOG_PROFILE_NOT_FOUND');

const licenseColumns = {
  id: lic.id,
  expire: lic.expire,
  createdAt: lic.createdAt,
  accessToken: lic.accessToken,
  authCode: lic.authCode,
  authenticatedBy: lic.authenticatedBy,
};

async function visibleProfileId(ctx: AuthedContext, access: FlexcareAccess, rawId: string) {
  const id = parseObjectId(rawId);
  if (!id) return null;
  const [row] = await ctx.db
    .select({ id: p.id })
    .from(p)
    .innerJoin(c, and(eq(c.workspaceId, p.workspaceId), eq(c.id, p.customerId)))
    .where(and(eq(p.workspaceId, ctx.actor.workspaceId), eq(p.id, id), customerReach(access)));
  return row?.id ?? null;
}

export async function listLicenses({ ctx, input }: { ctx: FlexcareContext; input: z.infer<typeof FlexcareLicenseListInput> }) {
  const access = ctx.flexcare;
  const profileId = await visibleProfileId(ctx, access, input.profile);
  if (!profileId) throw dialogProfileNotFound(input.profile);
  const where = and(eq(lic.workspaceId, ctx.actor.workspaceId), eq(lic.profileId, profileId));
  const [totalRow] = await ctx.db.select({ n: count() }).from(lic).where(where);
  const items = await ctx.db
    .select(licenseColumns)
    .from(lic)
    .where(where)
    .orderBy(asc(lic.createdAt), asc(lic.id))
    .limit(input.limit)
    .offset(input.offset);
  return { offset: input.offset, limit: input.limit, total: totalRow?.n ?? 0, items };
}

export async function issueLicense({ ctx, input }: { ctx: FlexcareContext; input: FlexcareLicenseIssueInput }) {
  const access = ctx.flexcare;
  if (input.expire.getTime() <= ctx.now().getTime())
    throw new ValidationError([{ path: 'expire', message: 'must be in the future', check: 'too_small' }]);
  return inTransaction(ctx, async (tx) => {
    const profile = await lockVisibleProfile(tx, access, input.profile);
    const id = newObjectId(ctx.now());
    // An auth code is what a person types on the device, so 8 digits rather than a long secret.
    const authCode = input.authenticatedBy === 'AUTHCODE' ? String(randomInt(0, 100_000_000)).padStart(8, '0') : null;
    const [created] = await tx.tx
      .insert(lic)
      .values({
        workspaceId: ctx.actor.workspaceId,
        id,
        profileId: profile.id,
        expire: input.expire,
        authenticatedBy: input.authenticatedBy ?? null,
        authCode,
      })
      .returning(licenseColumns);
    await audit(tx, {
      action: 'flexcare.license.issue',
      entityType: 'flexcare_license',
      entityId: id,
      after: { ...created, profile: profile.id },
    });
    return created!;
  });
}

export async function revokeLicense({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  const access = ctx.flexcare;
  const id = parseObjectId(input.id);
  if (!id) throw new NotFoundError('License', input.id, 'LICENSE_NOT_FOUND');
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.tx
      .select({ license: lic })
      .from(lic)
      .innerJoin(p, and(eq(p.workspaceId, lic.workspaceId), eq(p.id, lic.profileId)))
      .innerJoin(c, and(eq(c.workspaceId, p.workspaceId), eq(c.id, p.customerId)))
      .where(and(eq(lic.workspaceId, ctx.actor.workspaceId), eq(lic.id, id), customerReach(access)))
      .for('update', { of: lic });
    if (!row) throw new NotFoundError('License', input.id, 'LICENSE_NOT_FOUND');
    await tx.tx.delete(lic).where(and(eq(lic.workspaceId, ctx.actor.workspaceId), eq(lic.id, id)));
    await audit(tx, { action: 'flexcare.license.revoke', entityType: 'flexcare_license', entityId: id, before: row.license });
    return { success: true as const };
  });
}
