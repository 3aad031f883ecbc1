import { z } from 'zod';

/** Largest batch one request may carry (larger → request error 13). */
export const TWON_MAX_BATCH = 50_000;

/** The emulated device models; each answers its own template (`2n-dir-templates.json`). */
export const twonModels = ['verso', 'style', 'vario', 'base', 'uni', 'accessunit', 'ipone', 'videokit', 'audiokit'] as const;
export type TwonModel = (typeof twonModels)[number];

/** Per-entry error codes of create/update/delete/get (spec 4.2). */
export const edirCodes = [
  'EDIR_UUID_DOES_NOT_EXIST',
  'EDIR_UUID_INVALID_FORMAT',
  'EDIR_UUID_IS_MISSING',
  'EDIR_UUID_ALREADY_EXISTS',
  'EDIR_FIELD_NAME_UNKNOWN',
  'EDIR_FIELD_NOT_AVAILABLE',
  'EDIR_FIELD_VALUE_ERROR',
] as const;
export type EdirCode = (typeof edirCodes)[number];

// PostgreSQL text and jsonb hold neither NUL nor a lone UTF-16 surrogate (JSON allows `"\ud800"`; jsonb
// refuses it), so such a value is refused as bad input instead of failing a whole write.
const LONE_SURROGATE = /\p{Cs}/u;

export function storableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

export const TwonModel = z.enum(twonModels);
export const TwonAccess = z.enum(['read', 'readwrite']);
export const TwonAuthMode = z.enum(['any', 'digest']);

// Entries stay untyped here, even a `null` or a number among them: per-entry checks answer EDIR_* codes per
// entry (a service rule), so one bad element never turns the whole batch into a request-level error.
// Plain messages for typed clients; the 2N envelope answers from the code and the request instead
// (an absent parameter → 11, too big → 13, anything else → 12).
const Users = z
  .array(z.unknown(), { error: (iss) => (iss.input === undefined ? 'users is required' : 'users must be an array') })
  .max(TWON_MAX_BATCH, { error: `at most ${TWON_MAX_BATCH} entries per request` });
const Fields = z
  .array(z.string({ error: 'a field name is a string' }), { error: 'fields must be an array of field names' })
  .max(200, { error: 'at most 200 field names' });
/** Which directory: a device account addresses its own; admin callers name one. */
const DirectoryRef = z.uuid().optional();

export const TwonTemplateInput = z.strictObject({ directoryId: DirectoryRef });
export type TwonTemplateInput = z.infer<typeof TwonTemplateInput>;

export const TwonCreateInput = z.strictObject({
  directoryId: DirectoryRef,
  users: Users.optional(),
  force: z.boolean().default(false),
});
export type TwonCreateInput = z.input<typeof TwonCreateInput>;

export const TwonUpdateInput = z.strictObject({ directoryId: DirectoryRef, users: Users });
export type TwonUpdateInput = z.infer<typeof TwonUpdateInput>;

export const TwonDeleteInput = z.strictObject({
  directoryId: DirectoryRef,
  owner: z.string().max(255).refine(storableText, 'NUL and lone surrogates are not allowed').optional(),
  users: Users.optional(),
});
export type TwonDeleteInput = z.infer<typeof TwonDeleteInput>;

export const TwonGetInput = z.strictObject({ directoryId: DirectoryRef, users: Users.optional(), fields: Fields.optional() });
export type TwonGetInput = z.infer<typeof TwonGetInput>;

const Timestamp = z.union(
  [
    z.number().int().min(0),
    z
      .string()
      .regex(/^\d{1,15}$/)
      .transform(Number),
  ],
  { error: 'a timestamp is a non-negative integer' },
);

export const TwonQueryInput = z.strictObject({
  directoryId: DirectoryRef,
  series: z.string().max(32).optional(),
  fields: Fields.optional(),
  iterator: z.object({ timestamp: Timestamp.optional() }).optional(),
});
export type TwonQueryInput = z.input<typeof TwonQueryInput>;

export const EdirError = z.object({ code: z.enum(edirCodes), field: z.string().optional() });
export const TwonBatchItem = z.union([
  z.object({ uuid: z.string(), timestamp: z.number().int() }),
  z.object({ uuid: z.string().optional(), errors: z.array(EdirError) }),
]);
export type TwonBatchItem = z.infer<typeof TwonBatchItem>;

export const TwonBatchResult = z.object({ series: z.string(), users: z.array(TwonBatchItem).optional() });
export type TwonBatchResult = z.infer<typeof TwonBatchResult>;

const EntryOut = z.record(z.string(), z.unknown());

export const TwonTemplateResult = z.object({ series: z.string(), users: z.array(EntryOut) });
export const TwonGetResult = z.object({
  series: z.string(),
  users: z.array(z.union([z.object({ uuid: z.string().optional(), errors: z.array(EdirError) }), EntryOut])),
});
export const TwonQueryResult = z.object({ series: z.string(), timestamp: z.number().int(), users: z.array(EntryOut) });

export const TwonDeviceInfoInput = z.strictObject({ directoryId: DirectoryRef });
export type TwonDeviceInfoInput = z.infer<typeof TwonDeviceInfoInput>;

/** What the emulated device reports about itself (`api/system/info`, spec 4.6). */
export const TwonDeviceInfo = z.object({
  variant: z.string(),
  serialNumber: z.string(),
  macAddr: z.string(),
  hwVersion: z.string(),
  swVersion: z.string(),
  buildType: z.string(),
  /** The model's template key: 2N's own suite picks the directory template by it. */
  firmwarePackage: TwonModel,
  deviceName: z.string(),
});
export type TwonDeviceInfo = z.infer<typeof TwonDeviceInfo>;

// ---- admin side -------------------------------------------------------------------------------------------

export const TwonDirectory = z.object({
  id: z.uuid(),
  name: z.string(),
  model: TwonModel,
  series: z.string(),
  capacity: z.number().int(),
  authMode: TwonAuthMode,
  timestamp: z.number().int(),
  liveEntries: z.number().int(),
  deletedEntries: z.number().int(),
  accounts: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TwonDirectory = z.infer<typeof TwonDirectory>;

export const TwonDirectoryCreateInput = z.strictObject({
  name: z.string().trim().min(1).max(120).refine(storableText, 'NUL and lone surrogates are not allowed'),
  model: TwonModel.default('verso'),
  capacity: z.number().int().min(1).max(1_000_000).default(10_000),
  authMode: TwonAuthMode.default('any'),
});
export type TwonDirectoryCreateInput = z.input<typeof TwonDirectoryCreateInput>;

export const TwonDirectoryUpdateInput = z.strictObject({
  id: z.uuid(),
  name: z.string().trim().min(1).max(120).refine(storableText, 'NUL and lone surrogates are not allowed').optional(),
  /** Only while the directory holds no entries: fields of existing entries would not fit another model. */
  model: TwonModel.optional(),
  capacity: z.number().int().min(1).max(1_000_000).optional(),
  authMode: TwonAuthMode.optional(),
});
export type TwonDirectoryUpdateInput = z.infer<typeof TwonDirectoryUpdateInput>;

export const TwonIdInput = z.strictObject({ id: z.uuid() });
export const TwonDirectoryIdInput = z.strictObject({ directoryId: z.uuid() });

export const TwonAccount = z.object({
  id: z.uuid(),
  directoryId: z.uuid(),
  username: z.string(),
  access: TwonAccess,
  /** false: Basic only. A Digest account stores its HA1, which answers Digest like the password (inherent to Digest). */
  digest: z.boolean(),
  disabledAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TwonAccount = z.infer<typeof TwonAccount>;

const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
const Password = z.string().min(8, 'at least 8 characters').max(256);

export const TwonAccountCreateInput = z.strictObject({
  directoryId: z.uuid(),
  username: Username,
  access: TwonAccess.default('read'),
  /** Omit to have one generated and returned once. */
  password: Password.optional(),
  /** false: Basic only, and no Digest HA1 (password-equivalent for Digest) is stored. */
  digest: z.boolean().default(true),
});
export type TwonAccountCreateInput = z.input<typeof TwonAccountCreateInput>;

export const TwonAccountUpdateInput = z.strictObject({
  id: z.uuid(),
  access: TwonAccess.optional(),
  password: Password.optional(),
  disabled: z.boolean().optional(),
  /** Turning Digest on needs `password` in the same update (the HA1 is derived from it). */
  digest: z.boolean().optional(),
});
export type TwonAccountUpdateInput = z.infer<typeof TwonAccountUpdateInput>;

export const TwonAccountCreateOutput = z.object({ account: TwonAccount, password: z.string().nullable() });

export const TwonEntryListInput = z.strictObject({
  directoryId: z.uuid(),
  search: z.string().trim().max(120).refine(storableText, 'NUL and lone surrogates are not allowed').default(''),
  includeDeleted: z.boolean().default(false),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
  /** The admin table's sort: name (then uuid), the entry's timestamp, or its last change. */
  sort: z.enum(['name', 'timestamp', 'updated']).default('name'),
  desc: z.boolean().default(false),
});
export type TwonEntryListInput = z.input<typeof TwonEntryListInput>;

export const TwonEntrySummary = z.object({
  uuid: z.string(),
  name: z.string(),
  owner: z.string(),
  email: z.string(),
  deleted: z.boolean(),
  timestamp: z.number().int(),
  updatedAt: z.date(),
});
export const TwonEntryListResult = z.object({ items: z.array(TwonEntrySummary), total: z.number().int() });

export const TwonSinceInput = z.strictObject({
  directoryId: z.uuid(),
  timestamp: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type TwonSinceInput = z.input<typeof TwonSinceInput>;

export const TwonSinceResult = z.object({
  series: z.string(),
  /** Highest timestamp of the directory when read. */
  timestamp: z.number().int(),
  changes: z.array(TwonEntrySummary),
  /** Pass the last change's timestamp to read on while true. */
  hasMore: z.boolean(),
});

export const TwonModelInfo = z.object({ model: TwonModel, template: z.record(z.string(), z.unknown()) });
