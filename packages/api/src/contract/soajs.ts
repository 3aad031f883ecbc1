import { z } from 'zod';
import { PageInput, PageOutput } from './page';

// ── URAC inputs ─────────────────────────────────────────────────────────────────────────────────────────
// One typed input per URAC API, named for what it validates. The REST adapter builds them from the
// request with the gateway's own input rules (IMFV, 172/173), so every value those rules accept passes
// here too: plain strings where URAC checks an id itself (411/417), integers of any size, JSON objects
// passed through untouched. Rules that need the store (ids, locks, pins, the config schema) stay in the
// services.

// The patterns URAC's schemas and the jsonschema library's formats use.
export const SOAJS_USERNAME = /^[a-zA-Z0-9_-]+$/;
export const SOAJS_EMAIL =
  /^(?:[\w!#$%&'*+\-/=?^`{|}~]+\.)*[\w!#$%&'*+\-/=?^`{|}~]+@(?:(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-](?!\.)){0,61}[a-zA-Z0-9]?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-](?!$)){0,61}[a-zA-Z0-9]?)|(?:\[(?:(?:[01]?\d{1,2}|2[0-4]\d|25[0-5])\.){3}(?:[01]?\d{1,2}|2[0-4]\d|25[0-5])\]))$/;
export const SOAJS_ALPHANUMERIC = /^[a-zA-Z0-9]+$/;

/** Why a SOAJS service refused a call (the `code` of its error); the REST envelope words each as URAC does. */
export const soajsErrorCodes = [
  'SOAJS_KEY_INVALID',
  'SOAJS_TOKEN_MISSING',
  'SOAJS_TOKEN_INVALID',
  'SOAJS_TOKEN_EXPIRED',
  'SOAJS_USER_EXISTS',
  'SOAJS_USER_NOT_FOUND',
  'SOAJS_SAVE_REFUSED',
  'SOAJS_PASSWORD_MISMATCH',
  'SOAJS_USERNAME_TAKEN',
  'SOAJS_INVALID_USER_ID',
  'SOAJS_USER_NOT_ADDED',
  'SOAJS_GROUP_NOT_FOUND',
  'SOAJS_GROUP_NOT_ADDED',
  'SOAJS_INVALID_GROUP_ID',
  'SOAJS_GROUP_NOT_EDITED',
  'SOAJS_GROUP_CODE_TAKEN',
  'SOAJS_PENDING_WITH_PASSWORD',
  'SOAJS_LOCKED',
] as const;
export type SoajsErrorCode = (typeof soajsErrorCodes)[number];

export type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any JSON object, passed on as is (a `__proto__` or `constructor` key stays a plain key). */
export const SoajsJsonObject = z.custom<JsonObject>(isJsonObject, 'must be an object');

// JSON schema "integer": any whole number, 1e20 included (zod's int() stops at 2^53).
const Integer = z.number().refine(Number.isInteger, 'must be an integer');
const Start = Integer.min(0).default(0);
// A negative limit is MongoDB's single-batch limit (at most |limit| records).
const Limit = Integer.max(2000).default(1000);
const UserStatus = z.enum(['active', 'inactive', 'pendingNew']);
/** Admin callers only: the tenant to act for (default: the root tenant). SOAJS credentials carry theirs. */
const TenantChoice = z.string().max(64).optional();

/** A user id as the client sent it; the service answers 411 (or 405) when it is not an ObjectId. */
export const SoajsUserIdInput = z.strictObject({ uId: z.string() });
export type SoajsUserIdInput = z.infer<typeof SoajsUserIdInput>;

export const SoajsListUsersInput = z.strictObject({
  start: Start,
  limit: Limit,
  keywords: z.string().optional(),
  /** Include each user's config. */
  config: z.boolean().optional(),
});
export type SoajsListUsersInput = z.infer<typeof SoajsListUsersInput>;

export const SoajsListUsersByIdInput = z.strictObject({
  uId: z.array(z.string()).min(1),
  start: Start,
  limit: Limit,
  config: z.boolean().optional(),
});
export type SoajsListUsersByIdInput = z.infer<typeof SoajsListUsersByIdInput>;

export const SoajsCountUsersInput = z.strictObject({ keywords: z.string().optional(), tenantId: TenantChoice });
export type SoajsCountUsersInput = z.infer<typeof SoajsCountUsersInput>;

export const SoajsChangeUserStatusInput = z.strictObject({ uId: z.string(), status: z.enum(['active', 'inactive']) });
export type SoajsChangeUserStatusInput = z.infer<typeof SoajsChangeUserStatusInput>;

const UserFields = {
  username: z.string().regex(SOAJS_USERNAME),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().regex(SOAJS_EMAIL, 'must be an email address'),
  profile: SoajsJsonObject.optional(),
  groups: z.array(z.string()).optional(),
  password: z.string().optional(),
  confirmation: z.string().optional(),
  tenantId: TenantChoice,
};

export const SoajsAddUserInput = z.strictObject({
  ...UserFields,
  status: UserStatus.default('pendingNew'),
  /** `code: true` draws a tenant pin for the user. */
  pin: z.strictObject({ code: z.boolean(), allowed: z.boolean() }).optional(),
});
export type SoajsAddUserInput = z.infer<typeof SoajsAddUserInput>;

export const SoajsEditUserInput = z.strictObject({
  uId: z.string(),
  ...UserFields,
  status: UserStatus,
  /** Checked against the URAC config schema by the service (field errors per path). */
  config: SoajsJsonObject.optional(),
  /** `code: true` draws a new tenant pin; `allowed` sets whether it may be used. */
  pin: z.strictObject({ code: z.boolean().optional(), allowed: z.boolean().optional() }).optional(),
});
export type SoajsEditUserInput = z.infer<typeof SoajsEditUserInput>;

export const SoajsEditUserConfigInput = z.strictObject({
  uId: z.string(),
  /** Checked against the URAC config schema by the service (field errors per path). */
  config: SoajsJsonObject,
  tenantId: TenantChoice,
});
export type SoajsEditUserConfigInput = z.infer<typeof SoajsEditUserConfigInput>;

export const SoajsListGroupsInput = z.strictObject({ tenantId: TenantChoice });
export type SoajsListGroupsInput = z.infer<typeof SoajsListGroupsInput>;

/** A group id as the client sent it; the service answers 417 when it is not an ObjectId. */
export const SoajsGetGroupInput = z.strictObject({ id: z.string(), tenantId: TenantChoice });
export type SoajsGetGroupInput = z.infer<typeof SoajsGetGroupInput>;

export const SoajsAddGroupInput = z.strictObject({
  code: z.string().max(20).regex(SOAJS_ALPHANUMERIC),
  name: z.string(),
  description: z.string().optional(),
  config: SoajsJsonObject.optional(),
  tenantId: TenantChoice,
});
export type SoajsAddGroupInput = z.infer<typeof SoajsAddGroupInput>;

export const SoajsEditGroupInput = z.strictObject({
  gId: z.string(),
  name: z.string(),
  description: z.string().optional(),
  config: SoajsJsonObject.optional(),
  tenantId: TenantChoice,
});
export type SoajsEditGroupInput = z.infer<typeof SoajsEditGroupInput>;

export const SoajsDeleteGroupInput = z.strictObject({ gId: z.string(), tenantId: TenantChoice });
export type SoajsDeleteGroupInput = z.infer<typeof SoajsDeleteGroupInput>;

// ── URAC config ─────────────────────────────────────────────────────────────────────────────────────────
// The shape a config has once the service checked it against URAC's schema (service/soajs/config.ts).
export type SoajsAllowedTenant = {
  tenant?: { id?: string; code?: string; pin?: { code?: string | boolean; allowed?: boolean }; [key: string]: unknown };
  groups?: unknown[];
};
export type SoajsConfig = {
  packages?: JsonObject;
  keys?: JsonObject;
  allowedTenants?: SoajsAllowedTenant[];
  [key: string]: unknown;
};

// ── URAC records ────────────────────────────────────────────────────────────────────────────────────────
const PinRecord = z.object({ code: z.union([z.string(), z.boolean()]).optional(), allowed: z.boolean().optional() });

export const SoajsConfigRecord = z.looseObject({
  packages: z.record(z.string(), z.unknown()).optional(),
  keys: z.record(z.string(), z.unknown()).optional(),
  allowedTenants: z.array(z.unknown()).optional(),
});

export const SoajsUserRecord = z.object({
  _id: z.string(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  status: z.string(),
  ts: z.number(),
  profile: z.record(z.string(), z.unknown()),
  groups: z.array(z.string()),
  config: SoajsConfigRecord.optional(),
  tenant: z.object({ id: z.string(), code: z.string(), pin: PinRecord.optional() }),
  locked: z.boolean().optional(),
});
export type SoajsUserRecord = z.infer<typeof SoajsUserRecord>;

export const SoajsGroupRecord = z.object({
  _id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  config: z.record(z.string(), z.unknown()).optional(),
  tenant: z.object({ id: z.string(), code: z.string() }),
  locked: z.boolean().optional(),
});
export type SoajsGroupRecord = z.infer<typeof SoajsGroupRecord>;

export const SoajsTrue = z.literal(true);
export const SoajsCount = z.object({ count: z.number() });
export const SoajsAddUserOutput = z.object({ id: z.string() });

export const SoajsSetLockedInput = z.strictObject({ uId: z.string().regex(/^[0-9a-fA-F]{24}$/), locked: z.boolean() });
export type SoajsSetLockedInput = z.infer<typeof SoajsSetLockedInput>;

export const SoajsConfigCheck = z.object({ valid: z.boolean(), issues: z.array(z.object({ path: z.string(), message: z.string() })) });

// ── tenants, keys, access tokens (admin only) ───────────────────────────────────────────────────────────
// Key and token ids are uuids: anything else is refused as bad input, never sent to the database (a 500).
export const SoajsIdInput = z.strictObject({ id: z.uuid() });
export type SoajsIdInput = z.infer<typeof SoajsIdInput>;

export const SoajsTenantCreateInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,20}$/, '2–20 letters, digits, _ or -'),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).optional(),
  locked: z.boolean().optional(),
});
export type SoajsTenantCreateInput = z.infer<typeof SoajsTenantCreateInput>;

export const SoajsTenantUpdateInput = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(500).optional(),
  locked: z.boolean().optional(),
});
export type SoajsTenantUpdateInput = z.infer<typeof SoajsTenantUpdateInput>;

export const SoajsTenantSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  locked: z.boolean(),
});

export const SoajsKeyCreateInput = z.strictObject({ tenantId: z.string().min(1).max(64), label: z.string().trim().max(80).optional() });
export type SoajsKeyCreateInput = z.infer<typeof SoajsKeyCreateInput>;

export const SoajsAccessTokenCreateInput = z.strictObject({
  tenantId: z.string().min(1).max(64),
  label: z.string().trim().max(80).optional(),
  /** Hours until expiry; omit for a token that does not expire. */
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 3650)
    .optional(),
});
export type SoajsAccessTokenCreateInput = z.infer<typeof SoajsAccessTokenCreateInput>;

export const SoajsTenant = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  locked: z.boolean(),
  createdAt: z.date(),
  keys: z.array(z.object({ id: z.string(), label: z.string(), prefix: z.string(), createdAt: z.date(), revokedAt: z.date().nullable() })),
  accessTokens: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      prefix: z.string(),
      createdAt: z.date(),
      expiresAt: z.date().nullable(),
      revokedAt: z.date().nullable(),
      status: z.enum(['active', 'expired', 'revoked']),
    }),
  ),
});
export type SoajsTenant = z.infer<typeof SoajsTenant>;

// ── admin tables ────────────────────────────────────────────────────────────────────────────────────────
/** Every tenant's users, a page at a time; `tenant` narrows to one tenant code. */
export const SoajsUserPageInput = PageInput(['username', 'email', 'name', 'status', 'tenant'], { tenant: z.string().max(64).default('') });
export type SoajsUserPageInput = z.output<typeof SoajsUserPageInput>;
export const SoajsUserPage = PageOutput(SoajsUserRecord);

/** The calling tenant's groups, a page at a time. */
export const SoajsGroupPageInput = PageInput(['code', 'name'], { tenantId: TenantChoice });
export type SoajsGroupPageInput = z.output<typeof SoajsGroupPageInput>;
export const SoajsGroupPage = PageOutput(SoajsGroupRecord);

export const SoajsTenantPageInput = PageInput(['createdAt', 'code', 'name']);
export type SoajsTenantPageInput = z.output<typeof SoajsTenantPageInput>;
export const SoajsTenantPage = PageOutput(SoajsTenant);
