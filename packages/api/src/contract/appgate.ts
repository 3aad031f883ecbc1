import {
  appgateClientProfileTypes,
  appgateIdentityProviderTypes,
  appgatePrivilegeTargets,
  appgatePrivilegeTypes,
} from '@profilehub/db/enums';
import { z } from 'zod';

// Contracts of the Appgate SDP controller emulation (seed 002, spec §3). Field messages follow the
// controller's bean-validation wording ("may not be null"), because the REST surface returns them verbatim
// in its 422 `errors[]`.

const notNull = (what: string) => (issue: { input?: unknown }) => (issue.input == null ? 'may not be null' : `must be ${what}`);
const Uuid = z.uuid({ error: (i) => (i.input == null ? 'may not be null' : 'must be a valid UUID') });

const NUL = /\0/;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * PostgreSQL text cannot hold U+0000 and jsonb refuses unpaired surrogates (`\ud800`); text columns would
 * silently turn them into U+FFFD. Such strings are invalid input, never a failed query.
 */
export function isStorableText(value: string): boolean {
  return !NUL.test(value) && !UNPAIRED_SURROGATE.test(value);
}
const storable = <T extends z.ZodString>(s: T) =>
  s
    .refine((v) => !NUL.test(v), { error: 'must not contain NUL characters' })
    .refine((v) => !UNPAIRED_SURROGATE.test(v), { error: 'must not contain unpaired surrogates' });
const Text = (max: number) => storable(z.string({ error: notNull('a string') }).max(max, { error: `size must be between 0 and ${max}` }));
const Name = storable(
  z
    .string({ error: notNull('a string') })
    .min(1, { error: 'may not be empty' })
    .max(255, { error: 'size must be between 1 and 255' }),
);
// RFC 1123 host names (letters, digits, hyphens, dots); the URL and QR code carry it verbatim.
const Hostname = z
  .string({ error: notNull('a string') })
  .max(253, { error: 'size must be between 1 and 253' })
  .regex(/^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, {
    error: 'must be a valid hostname',
  });
const Tags = z
  .array(
    storable(
      z
        .string({ error: notNull('a string') })
        .min(1, { error: 'may not be empty' })
        .max(64, { error: 'size must be between 1 and 64' }),
    ),
    { error: 'must be an array of strings' },
  )
  .max(64, { error: 'size must be between 0 and 64' });

export const AppgateClientProfileType = z.enum(appgateClientProfileTypes, { error: 'must be one of [Profile, Group]' });
export type AppgateClientProfileType = z.infer<typeof AppgateClientProfileType>;

export const AppgateProfileUrlInput = z.object(
  {
    id: Uuid.nullish(),
    /** Write-only: an `appgate://` URL exported from a client profile. Omit to keep the member's stored URL (by id). */
    url: storable(z.string({ error: notNull('a string') }).max(8192, { error: 'size must be between 1 and 8192' })).nullish(),
    weight: z
      .number({ error: notNull('an integer') })
      .int({ error: 'must be an integer' })
      .min(0, { error: 'must be greater than or equal to 0' })
      .max(10_000, { error: 'must be less than or equal to 10000' })
      .nullish(),
  },
  { error: notNull('an object') },
);

const ClientProfileFields = z.object({
  id: Uuid.nullish(),
  name: Name,
  notes: Text(4096).nullish(),
  tags: Tags.nullish(),
  type: AppgateClientProfileType.nullish(),
  spaKeyName: Text(255).nullish(),
  identityProviderName: Text(255).nullish(),
  hostname: Hostname.nullish(),
  profileUrls: z
    .array(AppgateProfileUrlInput, { error: 'must be an array' })
    .max(100, { error: 'size must be between 0 and 100' })
    .nullish(),
});

/** A Profile needs its identity provider; `typeWhenOmitted` is what an omitted `type` means here. */
function requireIdentityProvider(typeWhenOmitted: 'Profile' | null) {
  return ClientProfileFields.refine(
    (v) => (v.type ?? typeWhenOmitted) !== 'Profile' || (v.identityProviderName != null && v.identityProviderName !== ''),
    {
      path: ['identityProviderName'],
      message: 'may not be null',
      // Reported together with the other field errors, not only once the rest is valid.
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    },
  );
}

/**
 * A client profile as written by POST and PUT (full replacement). Read-only fields a client echoes back
 * (`created`, `updated`, `globalHostname`, `exported`) are stripped, not rejected, as the controller does.
 * On create an omitted `type` means Profile.
 */
export const AppgateClientProfileInput = requireIdentityProvider('Profile');
export type AppgateClientProfileInput = z.infer<typeof AppgateClientProfileInput>;

/** Path ids are free text of any length: a malformed uuid is simply not found (spec §7.3), never a 422. */
export const AppgateProfileId = z.string();

export const AppgateClientProfileCreateInput = AppgateClientProfileInput;
/** On replace an omitted `type` keeps the stored one (clients before API v20 cannot send it); the service checks the rest. */
export const AppgateClientProfileUpdateInput = z.object({ id: AppgateProfileId, profile: requireIdentityProvider(null) });
export type AppgateClientProfileUpdateInput = z.infer<typeof AppgateClientProfileUpdateInput>;
export const AppgateClientProfileIdInput = z.strictObject({ id: AppgateProfileId });
export type AppgateClientProfileIdInput = z.infer<typeof AppgateClientProfileIdInput>;

export const AppgateProfileUrl = z.object({
  id: z.string(),
  hostname: z.string(),
  profileName: z.string().nullable(),
  weight: z.number(),
});

export const AppgateClientProfile = z.object({
  id: z.string(),
  name: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  type: AppgateClientProfileType,
  spaKeyName: z.string().nullable(),
  identityProviderName: z.string().nullable(),
  hostname: z.string().nullable(),
  globalHostname: z.string().nullable(),
  exported: z.date().nullable(),
  profileUrls: z.array(AppgateProfileUrl),
  created: z.date(),
  updated: z.date(),
});
export type AppgateClientProfile = z.infer<typeof AppgateClientProfile>;

export const appgateOrderFields = [
  'name',
  'id',
  'type',
  'notes',
  'identityProviderName',
  'hostname',
  'created',
  'updated',
  'exported',
] as const;
export const appgateFilterFields = ['id', 'name', 'notes', 'tags', 'type', 'identityProviderName', 'hostname', 'spaKeyName'] as const;

export const AppgateClientProfileListInput = z.object({
  /** Each query must match (AND); one matches when any of name, notes, tags, identityProviderName contains it. */
  queries: z
    .array(storable(z.string().max(256, { error: 'size must be between 0 and 256' })))
    .max(20, { error: 'size must be between 0 and 20' })
    .default([]),
  /** `a-b`: `a` the 0-based first index, `b` the exclusive end (spec §7.3). Omitted = everything. */
  range: z
    .string()
    .regex(/^\d{1,9}-\d{1,9}$/, { error: 'must be in the format <start>-<end>', abort: true })
    .refine((r) => {
      const [a, b] = r.split('-').map(Number);
      return a! <= b!;
    }, 'start must not be greater than end')
    .optional(),
  orderBy: z.enum(appgateOrderFields, { error: `must be one of [${appgateOrderFields.join(', ')}]` }).default('name'),
  descending: z.boolean().default(false),
  filterBy: z
    .array(
      z.object({
        name: z.enum(appgateFilterFields, { error: `must be one of [${appgateFilterFields.join(', ')}]` }),
        value: storable(z.string().max(256, { error: 'size must be between 0 and 256' })),
      }),
    )
    .max(20)
    .default([]),
});
export type AppgateClientProfileListInput = z.input<typeof AppgateClientProfileListInput>;

export const AppgateClientProfileList = z.object({
  data: z.array(AppgateClientProfile),
  range: z.string(),
  orderBy: z.string(),
  descending: z.boolean(),
  queries: z.array(z.string()),
  totalCount: z.number(),
  filterBy: z.array(z.object({ name: z.string(), value: z.string() })),
});
export type AppgateClientProfileList = z.infer<typeof AppgateClientProfileList>;

export const AppgateExportOutput = z.object({ url: z.string(), barcode: z.string() });
export const AppgateUrlOutput = z.object({ url: z.string() });
export const AppgateClientProfilePreviewInput = z.strictObject({ id: AppgateProfileId, barcode: z.boolean().default(false) });
export const AppgatePreviewOutput = z.object({ url: z.string(), barcode: z.string().nullable() });

// ---- Identity providers, settings ----

export const AppgateIdentityProvider = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(appgateIdentityProviderTypes),
  notes: z.string(),
  tags: z.array(z.string()),
  inUse: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AppgateIdentityProvider = z.infer<typeof AppgateIdentityProvider>;

export const AppgateIdentityProviderCreateInput = z.strictObject({
  name: Name,
  type: z.enum(appgateIdentityProviderTypes),
  notes: Text(4096).default(''),
  tags: Tags.default([]),
});
export type AppgateIdentityProviderCreateInput = z.infer<typeof AppgateIdentityProviderCreateInput>;

export const AppgateIdentityProviderUpdateInput = z.strictObject({
  id: z.uuid(),
  type: z.enum(appgateIdentityProviderTypes).optional(),
  notes: Text(4096).optional(),
  tags: Tags.optional(),
});
export type AppgateIdentityProviderUpdateInput = z.infer<typeof AppgateIdentityProviderUpdateInput>;

export const AppgateIdInput = z.strictObject({ id: z.uuid() });

export const AppgateSettings = z.object({ profileHostname: z.string().nullable(), caFingerprint: z.string(), updatedAt: z.date() });
export type AppgateSettings = z.infer<typeof AppgateSettings>;

export const AppgateSettingsUpdateInput = z.strictObject({
  profileHostname: Hostname.nullable().optional(),
  /** SHA-256 fingerprint of the controller CA, 64 hex digits. */
  caFingerprint: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: 'must be 64 hexadecimal digits' })
    .transform((s) => s.toLowerCase())
    .optional(),
});
export type AppgateSettingsUpdateInput = z.infer<typeof AppgateSettingsUpdateInput>;

// ---- Admin users and privileges ----

export const AppgatePrivilege = z.strictObject({ type: z.enum(appgatePrivilegeTypes), target: z.enum(appgatePrivilegeTargets) });
export type AppgatePrivilege = z.infer<typeof AppgatePrivilege>;

export const AppgateAdmin = z.object({
  id: z.string(),
  providerName: z.string(),
  username: z.string(),
  privileges: z.array(AppgatePrivilege),
  disabledAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AppgateAdmin = z.infer<typeof AppgateAdmin>;

const AdminUsername = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^\s\0]+$/, 'no spaces');
const AdminPassword = z.string().min(12, 'at least 12 characters').max(1024);

export const AppgateAdminCreateInput = z.strictObject({
  username: AdminUsername,
  providerName: storable(z.string().min(1).max(255)).default('local'),
  /** Omit to have a random password generated and returned once. */
  password: AdminPassword.optional(),
  privileges: z.array(AppgatePrivilege).max(32).default([]),
});
export type AppgateAdminCreateInput = z.input<typeof AppgateAdminCreateInput>;

export const AppgateAdminCreateOutput = z.object({ admin: AppgateAdmin, password: z.string().nullable() });

export const AppgateAdminUpdateInput = z.strictObject({
  id: z.uuid(),
  password: AdminPassword.optional(),
  privileges: z.array(AppgatePrivilege).max(32).optional(),
  disabled: z.boolean().optional(),
});
export type AppgateAdminUpdateInput = z.infer<typeof AppgateAdminUpdateInput>;

// ---- Login (POST /admin/login) ----

export const AppgateLoginInput = z.object({
  providerName: storable(
    z
      .string({ error: notNull('a string') })
      .min(1, { error: 'may not be empty' })
      .max(255, { error: 'size must be between 1 and 255' }),
  ),
  deviceId: Uuid,
  username: storable(z.string({ error: notNull('a string') }).max(256, { error: 'size must be between 0 and 256' })).nullish(),
  password: z
    .string({ error: notNull('a string') })
    .max(1024)
    .nullish(),
  samlResponse: z.string().max(65_536).nullish(),
  idToken: z.string().max(65_536).nullish(),
  accessToken: z.string().max(65_536).nullish(),
});
export type AppgateLoginInput = z.infer<typeof AppgateLoginInput>;

export const AppgateLoginOutput = z.object({
  user: z.object({
    name: z.string(),
    needTwoFactorAuth: z.boolean(),
    canAccessAuditLogs: z.boolean(),
    privileges: z.array(AppgatePrivilege),
  }),
  token: z.string(),
  expires: z.date(),
});
export type AppgateLoginOutput = z.infer<typeof AppgateLoginOutput>;

export const AppgateLogoutInput = z.strictObject({ token: z.string().max(512) });

// ---- Sign-in in steps (sdpctl): identity-provider names, authentication, OTP, authorization ----

/** `GET /admin/identity-providers/names`: the providers an admin can sign in with. */
export const AppgateSignInProviders = z.array(z.object({ name: z.string(), type: z.enum(['Credentials', 'Saml', 'Oidc', 'Certificate']) }));
export type AppgateSignInProviders = z.infer<typeof AppgateSignInProviders>;

/** `GET /admin/authorization`: the bearer token of this session. */
export const AppgateAuthorizeInput = z.strictObject({ token: z.string().max(512) });
export type AppgateAuthorizeInput = z.infer<typeof AppgateAuthorizeInput>;

/** `POST /admin/authentication/otp/initialize` body (login.yml). */
export const AppgateOtpInitializeInput = z.object({
  userPassword: z
    .string({ error: notNull('a string') })
    .max(1024)
    .nullish(),
});
export type AppgateOtpInitializeInput = z.infer<typeof AppgateOtpInitializeInput>;

/** `POST /admin/authentication/otp` body (login.yml): `otp` is required. */
export const AppgateOtpInput = z.object({
  otp: z.string({ error: notNull('a string') }).max(1024),
  state: z.string().max(65_536).nullish(),
});
export type AppgateOtpInput = z.infer<typeof AppgateOtpInput>;
