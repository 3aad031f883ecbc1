// What the server does with its secret at start, before it serves anything: make sure the database was
// written with this same secret, and bring rows written before there was one up to date (SOAJS pin digests
// re-keyed, FlexCare mdmKeys encrypted). Idempotent and cheap when there is nothing to do; one transaction.
import { type Database, flexcareProfiles, serverSecret, soajsUserPins, soajsUsers, type Transaction } from '@profilehub/db';
import { and, eq, like, not, or, sql } from 'drizzle-orm';
import { serverSecretCheck } from '../auth/server-secret';
import { sealMdmKey } from './flexcare/mdm-key';
import { hashPin, LEGACY_PIN_HASH_PREFIX, legacyHashPin } from './soajs/common';

export type SecretsAtRestReport = { pinsRekeyed: number; pinsKeptLegacy: number; mdmKeysSealed: number };

export class ServerSecretMismatchError extends Error {
  constructor() {
    super(
      'PROFILEHUB_SECRET is not the secret this database was written with: encrypted columns could not be read and pin ' +
        'digests would not match. Start with the original secret (every instance on one database shares it).',
    );
    this.name = 'ServerSecretMismatchError';
  }
}

export async function prepareSecretsAtRest(db: Database): Promise<SecretsAtRestReport> {
  return db.transaction(async (tx) => {
    // Serialises concurrent starts of several instances: the second one waits and then finds nothing to do.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('profilehub:secrets-at-rest'))`);
    const check = serverSecretCheck();
    await tx.insert(serverSecret).values({ id: 1, check }).onConflictDoNothing();
    const [stored] = await tx.select({ check: serverSecret.check }).from(serverSecret).where(eq(serverSecret.id, 1));
    if (stored?.check !== check) throw new ServerSecretMismatchError();
    const pins = await rekeyLegacyPins(tx);
    const mdmKeysSealed = await sealPlainMdmKeys(tx);
    return { ...pins, mdmKeysSealed };
  });
}

// FlexCare mdmKeys written before encryption: anything that is not a sealed value.
async function sealPlainMdmKeys(tx: Transaction): Promise<number> {
  const p = flexcareProfiles;
  const plain = await tx
    .select({ workspaceId: p.workspaceId, id: p.id, mdmKey: p.mdmKey })
    .from(p)
    .where(not(like(p.mdmKey, 'v1.%')));
  for (const row of plain)
    await tx
      .update(p)
      .set({ mdmKey: sealMdmKey(row.workspaceId, row.id, row.mdmKey) })
      .where(and(eq(p.workspaceId, row.workspaceId), eq(p.id, row.id)));
  return plain.length;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * SHA-256 pin digests cannot be re-keyed from the digest alone, but the weakness that makes them worth
 * replacing also makes it possible: a 4-digit pin (every pin Profilehub issues, and URAC's default pin
 * format) is found among 10,000 candidates. Those are rewritten as HMACs everywhere the digest appears (the
 * user's tenant pin, config.allowedTenants, the uniqueness rows). A digest of a longer pin a client once set
 * is kept as it is (it resists a 10,000-entry table); it still blocks that pin for other users of the tenant.
 */
async function rekeyLegacyPins(tx: Transaction): Promise<{ pinsRekeyed: number; pinsKeptLegacy: number }> {
  const legacy = `${LEGACY_PIN_HASH_PREFIX}%`;
  const users = await tx
    .select({
      workspaceId: soajsUsers.workspaceId,
      id: soajsUsers.id,
      tenantId: soajsUsers.tenantId,
      tenantPin: soajsUsers.tenantPin,
      config: soajsUsers.config,
    })
    .from(soajsUsers)
    .where(or(like(sql`${soajsUsers.tenantPin}->>'code'`, legacy), like(sql`${soajsUsers.config}::text`, `%"${legacy}"%`)));
  const tables = new Map<string, Map<string, string>>();
  const rekey = (workspaceId: string, tenantId: string, digest: string): string | null => {
    const scope = `${workspaceId}:${tenantId}`;
    let table = tables.get(scope);
    if (!table) {
      table = new Map();
      for (let n = 0; n < 10_000; n++) {
        const pin = String(n).padStart(4, '0');
        table.set(legacyHashPin(workspaceId, tenantId, pin), hashPin(workspaceId, tenantId, pin));
      }
      tables.set(scope, table);
    }
    return table.get(digest) ?? null;
  };
  let pinsRekeyed = 0;
  let pinsKeptLegacy = 0;
  const renamed = new Map<string, { workspaceId: string; tenantId: string; from: string; to: string }>();
  const convert = (workspaceId: string, tenantId: string, pin: unknown): unknown => {
    if (!isObj(pin) || typeof pin.code !== 'string' || !pin.code.startsWith(LEGACY_PIN_HASH_PREFIX)) return pin;
    const next = rekey(workspaceId, tenantId, pin.code);
    if (!next) {
      pinsKeptLegacy++;
      return pin;
    }
    pinsRekeyed++;
    renamed.set(`${workspaceId}:${tenantId}:${pin.code}`, { workspaceId, tenantId, from: pin.code, to: next });
    return { ...pin, code: next };
  };
  for (const user of users) {
    const tenantPin = convert(user.workspaceId, user.tenantId, user.tenantPin);
    let config = user.config;
    if (isObj(config) && Array.isArray(config.allowedTenants)) {
      config = {
        ...config,
        allowedTenants: config.allowedTenants.map((item) => {
          if (!isObj(item) || !isObj(item.tenant)) return item;
          const tenantId = typeof item.tenant.id === 'string' ? item.tenant.id : '';
          return { ...item, tenant: { ...item.tenant, pin: convert(user.workspaceId, tenantId, item.tenant.pin) } };
        }),
      };
    }
    await tx
      .update(soajsUsers)
      .set({ tenantPin, config })
      .where(and(eq(soajsUsers.workspaceId, user.workspaceId), eq(soajsUsers.id, user.id)));
  }
  // The uniqueness rows follow (a digest occurs there once per tenant; its user may mention it twice).
  for (const r of renamed.values())
    await tx
      .update(soajsUserPins)
      .set({ pinHash: r.to })
      .where(and(eq(soajsUserPins.workspaceId, r.workspaceId), eq(soajsUserPins.tenantId, r.tenantId), eq(soajsUserPins.pinHash, r.from)));
  return { pinsRekeyed, pinsKeptLegacy };
}
