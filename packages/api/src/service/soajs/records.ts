import type { SoajsGroup, SoajsUser } from '@profilehub/db';
import { soajsUsers } from '@profilehub/db';
import type { SoajsGroupRecord, SoajsUserRecord } from '../../contract/soajs';
import { hashPin, isPinDigest } from './common';

export const MASKED_PIN = '****';

/** Every column except the password hash: reads never load it. */
export const userColumns = {
  workspaceId: soajsUsers.workspaceId,
  id: soajsUsers.id,
  username: soajsUsers.username,
  firstName: soajsUsers.firstName,
  lastName: soajsUsers.lastName,
  email: soajsUsers.email,
  status: soajsUsers.status,
  profile: soajsUsers.profile,
  groups: soajsUsers.groups,
  config: soajsUsers.config,
  tenantId: soajsUsers.tenantId,
  tenantCode: soajsUsers.tenantCode,
  tenantPin: soajsUsers.tenantPin,
  locked: soajsUsers.locked,
  ts: soajsUsers.ts,
};
export type UserRow = Omit<SoajsUser, 'passwordHash' | 'createdAt' | 'updatedAt'>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `obj` with the `first` keys (those present) leading in that order, the rest after. */
function ordered(obj: Obj, first: readonly string[]): Obj {
  const keys = [...first.filter((k) => Object.hasOwn(obj, k)), ...Object.keys(obj).filter((k) => !first.includes(k))];
  // fromEntries defines properties, so a stored "__proto__" key stays a plain key (assignment would not).
  return Object.fromEntries(keys.map((k) => [k, obj[k]]));
}

function maskPin(pin: unknown): unknown {
  if (!isObj(pin)) return pin;
  return ordered(pin.code ? { ...pin, code: MASKED_PIN } : pin, ['code', 'allowed']);
}

/**
 * URAC removePinFromResponse: any truthy `pin.code` in config.allowedTenants reads as "****". jsonb keeps
 * keys sorted by length, so the documented shape's key order (MongoDB keeps the client's) is restored.
 */
export function maskConfig(config: unknown): Obj {
  if (!isObj(config)) return {};
  const out = ordered(config, ['packages', 'keys', 'allowedTenants']);
  if (!Array.isArray(config.allowedTenants)) return out;
  out.allowedTenants = config.allowedTenants.map((entry) => {
    if (!isObj(entry)) return entry;
    if (!isObj(entry.tenant)) return ordered(entry, ['tenant', 'groups']);
    const tenant = ordered(entry.tenant, ['id', 'code', 'pin']);
    if (isObj(tenant.pin)) tenant.pin = maskPin(tenant.pin);
    return ordered({ ...entry, tenant }, ['tenant', 'groups']);
  });
  return out;
}

export function toUserRecord(row: UserRow, withConfig: boolean): SoajsUserRecord {
  return {
    _id: row.id,
    username: row.username,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    status: row.status,
    ts: row.ts,
    profile: isObj(row.profile) ? row.profile : {},
    groups: row.groups,
    ...(withConfig && { config: maskConfig(row.config) }),
    tenant: { id: row.tenantId, code: row.tenantCode, ...(isObj(row.tenantPin) && { pin: maskPin(row.tenantPin) as Obj }) },
    ...(row.locked && { locked: true }),
  };
}

export function toGroupRecord(row: SoajsGroup): SoajsGroupRecord {
  return {
    _id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    ...(isObj(row.config) && { config: row.config }),
    tenant: { id: row.tenantId, code: row.tenantCode },
    ...(row.locked && { locked: true }),
  };
}

/**
 * The allowedTenants list as stored: string pin codes become digests. A "****" code (what every read
 * shows) keeps the pin already stored for that tenant, so reading a config and saving it back is lossless.
 */
export function storeAllowedTenants(workspaceId: string, incoming: unknown[], previous: unknown): unknown[] {
  const old = Array.isArray(previous) ? previous : [];
  return incoming.map((item) => {
    if (!isObj(item) || !isObj(item.tenant) || !isObj(item.tenant.pin)) return item;
    const tenant = item.tenant;
    const pin = tenant.pin as Obj;
    if (typeof pin.code !== 'string' || pin.code === '') return item;
    const tenantId = typeof tenant.id === 'string' ? tenant.id : '';
    if (pin.code === MASKED_PIN) {
      const prior = old.find((o) => isObj(o) && isObj(o.tenant) && o.tenant.id === tenant.id) as Obj | undefined;
      const priorCode = isObj(prior?.tenant) && isObj(prior.tenant.pin) ? prior.tenant.pin.code : undefined;
      if (typeof priorCode === 'string' && isPinDigest(priorCode))
        return { ...item, tenant: { ...tenant, pin: { ...pin, code: priorCode } } };
    }
    return { ...item, tenant: { ...tenant, pin: { ...pin, code: hashPin(workspaceId, tenantId, pin.code) } } };
  });
}

/** The (tenant, pin digest) pairs a stored config holds, for the pin uniqueness table. */
export function configPins(config: unknown): { tenantId: string; pinHash: string }[] {
  if (!isObj(config) || !Array.isArray(config.allowedTenants)) return [];
  const out: { tenantId: string; pinHash: string }[] = [];
  for (const item of config.allowedTenants) {
    if (!isObj(item) || !isObj(item.tenant) || !isObj(item.tenant.pin)) continue;
    const code = item.tenant.pin.code;
    if (typeof code === 'string' && isPinDigest(code))
      out.push({ tenantId: typeof item.tenant.id === 'string' ? item.tenant.id : '', pinHash: code });
  }
  return out;
}

export function isObject(v: unknown): v is Obj {
  return isObj(v);
}
