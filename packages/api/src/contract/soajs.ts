import { z } from 'zod';

// ── URAC requests ───────────────────────────────────────────────────────────────────────────────────────
// URAC procedures take the request the way the gateway sees it: each API maps its parameters from the
// query string and body, casts non-JSON input and validates it with the vendor's schema (172/173), so a
// typed client and the REST surface get the same rules and the same field errors.
export const SoajsRequest = z.strictObject({
  query: z.record(z.string(), z.unknown()).default({}),
  body: z.unknown().optional(),
  /** false when the body was not JSON (form posts): inputs are then cast to the schema's types. */
  json: z.boolean().default(true),
  /** Admin callers only: the tenant to act for (default: the root tenant). SOAJS credentials carry theirs. */
  tenantId: z.string().max(64).optional(),
});
export type SoajsRequest = z.input<typeof SoajsRequest>;

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
