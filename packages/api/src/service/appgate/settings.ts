import { appgateSettings } from '@profilehub/db';
import { eq } from 'drizzle-orm';
import type { AdminContext } from '../../context';
import type { AppgateSettings, AppgateSettingsUpdateInput } from '../../contract/appgate';
import { audit } from '../audit';
import { inTransaction } from '../tx';
import { ensureAppgateDefaults, readSettings } from './common';

// Global settings of the emulated controller: the Profile Hostname that client-profile URLs use unless a
// profile overrides it, and the CA fingerprint the URLs carry.

function view(row: { profileHostname: string | null; caFingerprint: string; updatedAt: Date }): AppgateSettings {
  return { profileHostname: row.profileHostname, caFingerprint: row.caFingerprint, updatedAt: row.updatedAt };
}

export async function getAppgateSettings({ ctx }: { ctx: AdminContext }): Promise<AppgateSettings> {
  const existing = await readSettings(ctx.db, ctx.actor.workspaceId);
  if (existing) return view(existing);
  return inTransaction(ctx, async (tx) => {
    await ensureAppgateDefaults(tx.tx, ctx.actor.workspaceId);
    return view((await readSettings(tx.tx, ctx.actor.workspaceId))!);
  });
}

export async function updateAppgateSettings({ ctx, input }: { ctx: AdminContext; input: AppgateSettingsUpdateInput }) {
  return inTransaction(ctx, async (tx) => {
    await ensureAppgateDefaults(tx.tx, ctx.actor.workspaceId);
    const before = (await readSettings(tx.tx, ctx.actor.workspaceId))!;
    const [after] = await tx.tx
      .update(appgateSettings)
      .set({
        ...(input.profileHostname !== undefined && { profileHostname: input.profileHostname }),
        ...(input.caFingerprint !== undefined && { caFingerprint: input.caFingerprint }),
        updatedAt: ctx.now(),
      })
      .where(eq(appgateSettings.workspaceId, ctx.actor.workspaceId))
      .returning();
    await audit(tx, { action: 'appgate.settings.update', entityType: 'appgate_settings', entityId: ctx.actor.workspaceId, before, after });
    return view(after!);
  });
}
