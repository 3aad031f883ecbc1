import { rpdbRights } from '@profilehub/db/enums';
import { z } from 'zod';
import { PageInput, PageInputFields, PageOutput } from './page';

// RPdb ids are PostgreSQL `integer` identities: anything outside 1..2^31-1 cannot name a row.
export const RpdbId = z.number().int().min(1).max(2_147_483_647);
const Int32 = z.number().int().min(-2_147_483_648).max(2_147_483_647);

// PostgreSQL text cannot hold NUL, and an unpaired UTF-16 surrogate has no UTF-8 form (the audit row's jsonb
// rejects it): either would fail in the database as a 500 instead of a 400 here.
const STORABLE = /^(?:[^\0\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
function storableName(max: number) {
  return z.string().trim().min(1).max(max).regex(STORABLE, { error: 'must not contain NUL characters or unpaired surrogates' });
}
const Name = storableName(255);

export const RpdbRight = z.enum(rpdbRights);
export type RpdbRight = z.infer<typeof RpdbRight>;

export const RpdbIdInput = z.strictObject({ id: RpdbId });
export type RpdbIdInput = z.infer<typeof RpdbIdInput>;

export const RpdbAccountRefInput = z.strictObject({ accountId: RpdbId });
export type RpdbAccountRefInput = z.infer<typeof RpdbAccountRefInput>;

// ── accounts ────────────────────────────────────────────────────────────────────────────────────────────
export const RpdbAccount = z.object({ id: z.number(), name: z.string(), createdAt: z.date(), updatedAt: z.date() });
export type RpdbAccount = z.infer<typeof RpdbAccount>;

export const RpdbAccountCreateInput = z.strictObject({
  name: storableName(64),
  /** Omit to have a random password generated and returned once. */
  password: z.string().min(12, 'at least 12 characters').max(1024).optional(),
});
export type RpdbAccountCreateInput = z.infer<typeof RpdbAccountCreateInput>;

export const RpdbAccountCreateOutput = z.object({ account: RpdbAccount, password: z.string().nullable() });

// ── attributes ──────────────────────────────────────────────────────────────────────────────────────────
export const RpdbAttribute = z.object({
  id: z.number(),
  accountId: z.number(),
  name: z.string(),
  defaultRight: RpdbRight,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type RpdbAttribute = z.infer<typeof RpdbAttribute>;

export const RpdbAttributeCreateInput = z.strictObject({ accountId: RpdbId, name: Name, defaultRight: RpdbRight.default('all') });
export type RpdbAttributeCreateInput = z.infer<typeof RpdbAttributeCreateInput>;

export const RpdbAttributeUpdateInput = z.strictObject({ id: RpdbId, name: Name.optional(), defaultRight: RpdbRight.optional() });
export type RpdbAttributeUpdateInput = z.infer<typeof RpdbAttributeUpdateInput>;

/**
 * An attribute as an API key reads it (`GET /attribute…`): `right` is the key's effective right (its own
 * right on the attribute, else the attribute's default); admins managing the account read every attribute
 * with `all`.
 */
export const RpdbVisibleAttribute = z.object({ id: z.number(), name: z.string(), defaultRight: RpdbRight, right: RpdbRight });
export type RpdbVisibleAttribute = z.infer<typeof RpdbVisibleAttribute>;

export const RpdbVisibleAttributeListInput = z.strictObject({
  accountId: RpdbId.optional(),
  /** Exact name (names are unique per account and case-sensitive). */
  name: z.string().max(1024).optional(),
});
export type RpdbVisibleAttributeListInput = z.infer<typeof RpdbVisibleAttributeListInput>;

export const RpdbVisibleAttributeGetInput = z.strictObject({ accountId: RpdbId.optional(), id: RpdbId });
export type RpdbVisibleAttributeGetInput = z.infer<typeof RpdbVisibleAttributeGetInput>;

// ── API keys ────────────────────────────────────────────────────────────────────────────────────────────
export const RpdbKeyRight = z.strictObject({ attributeId: RpdbId, right: RpdbRight });
export type RpdbKeyRight = z.infer<typeof RpdbKeyRight>;

const Rights = z
  .array(RpdbKeyRight)
  .max(1000)
  .refine((rs) => new Set(rs.map((r) => r.attributeId)).size === rs.length, 'each attribute at most once');

export const RpdbApiKey = z.object({
  id: z.number(),
  accountId: z.number(),
  name: z.string(),
  prefix: z.string(),
  /** Privileged for 30 minutes after the last re-authorisation with the account password. */
  privileged: z.boolean(),
  privilegedUntil: z.date().nullable(),
  lastAuthorizedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
  status: z.enum(['active', 'revoked']),
  /** Explicit rights only; attributes not listed fall back to their default right. */
  rights: z.array(z.object({ attributeId: z.number(), right: RpdbRight })),
});
export type RpdbApiKey = z.infer<typeof RpdbApiKey>;

export const RpdbApiKeyCreateInput = z.strictObject({
  accountId: RpdbId,
  name: storableName(80),
  rights: Rights.default([]),
});
export type RpdbApiKeyCreateInput = z.infer<typeof RpdbApiKeyCreateInput>;

export const RpdbApiKeyCreateOutput = z.object({ key: z.string(), apiKey: RpdbApiKey });

export const RpdbApiKeySetRightsInput = z.strictObject({ id: RpdbId, rights: Rights });
export type RpdbApiKeySetRightsInput = z.infer<typeof RpdbApiKeySetRightsInput>;

export const RpdbApiKeyAuthorizeInput = z.strictObject({ id: RpdbId, password: z.string().min(1).max(1024) });
export type RpdbApiKeyAuthorizeInput = z.infer<typeof RpdbApiKeyAuthorizeInput>;

// ── profiles ────────────────────────────────────────────────────────────────────────────────────────────
// `accountId` is for account/admin callers; an RPdb API key always acts on its own account.
const AccountScope = { accountId: RpdbId.optional() };
const AttributeIds = z
  .array(RpdbId)
  .max(1000)
  .refine((ids) => new Set(ids).size === ids.length, 'each attribute at most once');

export const RpdbProfile = z.object({ id: z.number(), name: z.string(), sortOrder: z.number(), attributes: z.array(z.number()) });
export type RpdbProfile = z.infer<typeof RpdbProfile>;

export const RpdbProfileListInput = z.strictObject({ ...AccountScope, ignoreRights: z.boolean().default(false) });
export type RpdbProfileListInput = z.infer<typeof RpdbProfileListInput>;

export const RpdbProfileGetInput = z.strictObject({ ...AccountScope, id: RpdbId, ignoreRights: z.boolean().default(false) });
export type RpdbProfileGetInput = z.infer<typeof RpdbProfileGetInput>;

export const RpdbProfileCreateInput = z.strictObject({
  ...AccountScope,
  name: Name,
  sortOrder: Int32.default(0),
  attributes: AttributeIds.default([]),
});
export type RpdbProfileCreateInput = z.infer<typeof RpdbProfileCreateInput>;

/** Fields present change; `attributes` replaces the membership. */
export const RpdbProfileUpdateInput = z.strictObject({
  ...AccountScope,
  id: RpdbId,
  name: Name.optional(),
  sortOrder: Int32.optional(),
  attributes: AttributeIds.optional(),
});
export type RpdbProfileUpdateInput = z.infer<typeof RpdbProfileUpdateInput>;

export const RpdbProfileDeleteInput = z.strictObject({ ...AccountScope, id: RpdbId });
export type RpdbProfileDeleteInput = z.infer<typeof RpdbProfileDeleteInput>;

export const RpdbProfileSortInput = z.strictObject({
  ...AccountScope,
  items: z
    .array(z.strictObject({ id: RpdbId, sortOrder: Int32 }))
    .max(1000)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'each profile at most once'),
});
export type RpdbProfileSortInput = z.infer<typeof RpdbProfileSortInput>;

// ── admin table and move-to-position ─────────────────────────────────────────────────────────────────────
/** `position` (1-based place in the list order sort_order, id) is the default sort. */
export const RpdbProfilePageInput = z.strictObject({
  accountId: RpdbId,
  ...PageInputFields,
  sort: z.enum(['position', 'name', 'id']).default('position'),
});
export type RpdbProfilePageInput = z.input<typeof RpdbProfilePageInput>;

/** An account's attributes, a page at a time (name order by default, the unique name index). */
export const RpdbAttributePageInput = PageInput(['name', 'defaultRight', 'createdAt'], { accountId: RpdbId });
export type RpdbAttributePageInput = z.output<typeof RpdbAttributePageInput>;
export const RpdbAttributePage = PageOutput(RpdbAttribute);

/** An account's API keys, a page at a time (newest first by default). */
export const RpdbApiKeyPageInput = PageInput(['createdAt', 'name', 'lastUsedAt', 'status'], { accountId: RpdbId });
export type RpdbApiKeyPageInput = z.output<typeof RpdbApiKeyPageInput>;
export const RpdbApiKeyPage = PageOutput(RpdbApiKey);

export const RpdbProfileRow = RpdbProfile.extend({ position: z.number().int() });
export type RpdbProfileRow = z.infer<typeof RpdbProfileRow>;
export const RpdbProfilePage = PageOutput(RpdbProfileRow);

/** Moves one profile to `position` (1-based) in the list order, whatever the account's size. */
export const RpdbProfileMoveInput = z.strictObject({ accountId: RpdbId, id: RpdbId, position: z.number().int().min(1).max(2_147_483_647) });
export type RpdbProfileMoveInput = z.infer<typeof RpdbProfileMoveInput>;

/** Deletes several profiles in one transaction (all or nothing); answers them whole so they can be restored. */
export const RpdbProfileDeleteManyInput = z.strictObject({
  accountId: RpdbId,
  ids: z
    .array(RpdbId)
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'each profile at most once'),
});
export type RpdbProfileDeleteManyInput = z.infer<typeof RpdbProfileDeleteManyInput>;
