import { type DbHandle, flexcareProfiles, soajsUserPins, soajsUsers } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets';
import { configureServerSecret } from '../auth/server-secret';
import { createTestWorkspace, TEST_SERVER_SECRET } from '../testing';
import { prepareSecretsAtRest, ServerSecretMismatchError } from './secrets-at-rest';
import { hashPin, legacyHashPin } from './soajs/common';
import { seedSoajsDemo } from './soajs/demo';

// Secrets at rest: SOAJS pins keyed with the server secret (an HMAC, not a bare hash a 10,000-entry table
// reverses), FlexCare mdmKeys encrypted, rows written before the secret migrated at start.

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const MDM_KEY = /^[0-9a-f]{24}-[0-9a-f]{24}$/;

async function seeded() {
  const ws = await createTestWorkspace(handle.db);
  const demo = await seedSoajsDemo(ws.ctx, { apiUrl: 'http://api', adminUrl: 'http://admin' });
  const client = (await ws.caller.soajs.tenant.list()).find((t) => t.code === 'TNT1')!;
  const reseller = await ws.caller.flexcare.reseller.create({ name: 'R' });
  const customer = await ws.caller.flexcare.customer.create({ name: 'C', reseller: reseller.id });
  const profile = await ws.caller.flexcare.profile.create({ name: 'P', customer: customer.id });
  return { ...ws, ws: ws.actor.workspaceId, demo, client, customer, profile };
}

async function storedPinDigests(workspaceId: string): Promise<string[]> {
  const users = await handle.db
    .select({ tenantPin: soajsUsers.tenantPin, config: soajsUsers.config })
    .from(soajsUsers)
    .where(eq(soajsUsers.workspaceId, workspaceId));
  const pins = await handle.db
    .select({ pinHash: soajsUserPins.pinHash })
    .from(soajsUserPins)
    .where(eq(soajsUserPins.workspaceId, workspaceId));
  const inUsers = JSON.stringify(users).match(/(?:hmac|sha256):[0-9a-f]{64}/g) ?? [];
  return [...new Set([...inUsers, ...pins.map((p) => p.pinHash)])];
}

async function storedMdmKey(workspaceId: string, id: string): Promise<string> {
  const [row] = await handle.db
    .select({ mdmKey: flexcareProfiles.mdmKey })
    .from(flexcareProfiles)
    .where(and(eq(flexcareProfiles.workspaceId, workspaceId), eq(flexcareProfiles.id, id)));
  return row!.mdmKey;
}

/** The 4-digit pin behind a digest this server wrote (the test holds the secret). */
function crack(workspaceId: string, tenantId: string, digest: string): string {
  for (let n = 0; n < 10_000; n++) {
    const pin = String(n).padStart(4, '0');
    if (hashPin(workspaceId, tenantId, pin) === digest) return pin;
  }
  throw new Error('pin not found');
}

/** Rewrites a pin's digest everywhere it is stored as the pre-secret SHA-256 form. */
async function legacify(workspaceId: string, tenantId: string, pin: string) {
  const [now, old] = [hashPin(workspaceId, tenantId, pin), legacyHashPin(workspaceId, tenantId, pin)];
  await handle.db.execute(sql`update soajs_users set tenant_pin = replace(tenant_pin::text, ${now}, ${old})::jsonb,
    config = replace(config::text, ${now}, ${old})::jsonb where workspace_id = ${workspaceId}`);
  await handle.db.execute(sql`update soajs_user_pins set pin_hash = ${old} where workspace_id = ${workspaceId} and pin_hash = ${now}`);
}

describe('secrets at rest', () => {
  it('SOAJS pins in the database are not recoverable with a 10,000-entry SHA-256 table', async () => {
    const t = await seeded();
    await t.caller.soajs.user.editConfig({
      uId: t.demo.userId,
      tenantId: t.client.id,
      config: { allowedTenants: [{ tenant: { id: t.client.id, code: 'TNT1', pin: { code: '4321', allowed: true } } }] },
    });
    const stored = await storedPinDigests(t.ws);
    expect(stored.length).toBeGreaterThanOrEqual(2);
    const tenants = (await t.caller.soajs.tenant.list()).map((x) => x.id);
    // Every 4-digit pin, hashed the way a bare digest would be: with the inputs an attacker can read from the
    // same database (workspace and tenant ids), and bare.
    const table = new Set<string>();
    for (let n = 0; n < 10_000; n++) {
      const pin = String(n).padStart(4, '0');
      table.add(sha256(pin));
      for (const tenant of tenants) table.add(sha256(`soajs-pin:${t.ws}:${tenant}:${pin}`));
    }
    const recovered = stored.filter((digest) => table.has(digest.replace(/^[a-z0-9]+:/, '')));
    expect(recovered).toEqual([]);
    // The digests still identify the pin for whoever holds the secret (uniqueness within the tenant holds).
    expect(stored).toContain(hashPin(t.ws, t.client.id, '4321'));
  });

  it('a FlexCare mdmKey is stored encrypted; the API answers the plaintext', async () => {
    const t = await seeded();
    expect(t.profile.mdmKey).toMatch(MDM_KEY);
    const stored = await storedMdmKey(t.ws, t.profile.id);
    expect(stored).not.toContain(t.profile.mdmKey);
    expect(stored).not.toMatch(/[0-9a-f]{24}-[0-9a-f]{24}/);
    expect((await t.caller.flexcare.profile.get({ id: t.profile.id })).mdmKey).toBe(t.profile.mdmKey);
    const rotated = await t.caller.flexcare.profile.rotateMdmKey({ id: t.profile.id });
    expect(rotated.mdmKey).toMatch(MDM_KEY);
    const after = await storedMdmKey(t.ws, t.profile.id);
    expect(after).not.toContain(rotated.mdmKey);
    expect(after).not.toBe(stored);
    // A ciphertext copied onto another row does not open there (it is bound to its workspace and id).
    const other = await t.caller.flexcare.profile.create({ name: 'Q', customer: t.customer.id });
    await handle.db
      .update(flexcareProfiles)
      .set({ mdmKey: after })
      .where(and(eq(flexcareProfiles.workspaceId, t.ws), eq(flexcareProfiles.id, other.id)));
    await expect(t.caller.flexcare.profile.get({ id: other.id })).rejects.toThrow();
  });

  it('rows written before the secret are migrated at start: 4-digit pins re-keyed, mdmKeys encrypted in place', async () => {
    const t = await seeded();
    const tenantPinOf = async (uId: string) => {
      const [row] = await handle.db
        .select({ tenantPin: soajsUsers.tenantPin })
        .from(soajsUsers)
        .where(and(eq(soajsUsers.workspaceId, t.ws), eq(soajsUsers.id, uId)));
      return (row!.tenantPin as { code: string }).code;
    };
    const pin = crack(t.ws, t.client.id, await tenantPinOf(t.demo.userId));
    // A config pin of 5 digits (URAC lets a tenant configure longer pins): not among 10,000 candidates.
    await t.caller.soajs.user.editConfig({
      uId: t.demo.userId,
      tenantId: t.client.id,
      config: { allowedTenants: [{ tenant: { id: t.client.id, code: 'TNT1', pin: { code: '54321', allowed: true } } }] },
    });
    await legacify(t.ws, t.client.id, pin);
    await legacify(t.ws, t.client.id, '54321');
    await handle.db
      .update(flexcareProfiles)
      .set({ mdmKey: t.profile.mdmKey })
      .where(and(eq(flexcareProfiles.workspaceId, t.ws), eq(flexcareProfiles.id, t.profile.id)));
    expect(await tenantPinOf(t.demo.userId)).toBe(legacyHashPin(t.ws, t.client.id, pin));

    expect(await prepareSecretsAtRest(handle.db)).toEqual({ pinsRekeyed: 1, pinsKeptLegacy: 1, mdmKeysSealed: 1 });
    expect(await tenantPinOf(t.demo.userId)).toBe(hashPin(t.ws, t.client.id, pin));
    const stored = await storedPinDigests(t.ws);
    expect(stored).toContain(hashPin(t.ws, t.client.id, pin));
    expect(stored).toContain(legacyHashPin(t.ws, t.client.id, '54321'));
    expect(stored).not.toContain(legacyHashPin(t.ws, t.client.id, pin));
    expect(await storedMdmKey(t.ws, t.profile.id)).not.toContain(t.profile.mdmKey);
    expect((await t.caller.flexcare.profile.get({ id: t.profile.id })).mdmKey).toBe(t.profile.mdmKey);
    // Once is enough: a second start finds nothing left to convert.
    expect(await prepareSecretsAtRest(handle.db)).toEqual({ pinsRekeyed: 0, pinsKeptLegacy: 1, mdmKeysSealed: 0 });
    // The re-keyed pin is still the user's: another user of the tenant cannot take it (407).
    const elvira = (await t.caller.soajs.user.list({ keywords: 'elvira' }))[0]!;
    await expect(
      t.caller.soajs.user.editConfig({
        uId: elvira._id,
        tenantId: t.client.id,
        config: { allowedTenants: [{ tenant: { id: t.client.id, code: 'TNT1', pin: { code: pin, allowed: true } } }] },
      }),
    ).rejects.toMatchObject({ cause: { code: 'SOAJS_SAVE_REFUSED' } });
    // Reads still mask both pins, and saving the config back keeps the kept digest as it is.
    const read = await t.caller.soajs.user.get({ uId: t.demo.userId });
    expect(JSON.stringify(read)).not.toMatch(/sha256:|hmac:/);
  });

  it('refuses a database written with another secret', async () => {
    await prepareSecretsAtRest(handle.db);
    configureServerSecret('another-secret-of-enough-length-0123456789');
    try {
      await expect(prepareSecretsAtRest(handle.db)).rejects.toBeInstanceOf(ServerSecretMismatchError);
    } finally {
      configureServerSecret(TEST_SERVER_SECRET);
    }
    await expect(prepareSecretsAtRest(handle.db)).resolves.toMatchObject({ mdmKeysSealed: 0 });
  });
});
