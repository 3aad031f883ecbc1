import {
  appgateClientProfileTypes,
  appgateIdentityProviderTypes,
  appgatePrivilegeTargets,
  appgatePrivilegeTypes,
} from '@profilehub/db/enums';
import { z } from 'zod';

// Contracts of the Appgate SDP controller emulation (seed 002, spec §3). Messages are plain ones for typed
// clients and the admin; the REST surface words each failed check as the controller's bean validation does
// (packages/rest/src/appgate/bean-validation.ts), from the issue's code, and from the `AppgateRule` code of
// a refinement or of a service's field issue.

/** The typed codes of the rules zod has no issue code for (`params.code` of a refinement, a service issue's `check`). */
export const AppgateRule = {
  noNul: 'APPGATE_NO_NUL',
  noLoneSurrogate: 'APPGATE_NO_LONE_SURROGATE',
  identityProviderRequired: 'APPGATE_IDP_REQUIRED',
  identityProviderExists: 'APPGATE_IDP_EXISTS',
  unique: 'APPGATE_UNIQUE',
  rangeOrder: 'APPGATE_RANGE_ORDER',
} as const;
export type AppgateRule = (typeof AppgateRule)[keyof typeof AppgateRule];
const rule = (code: AppgateRule) => ({ params: { code } });

const required = (what: string) => (issue: { input?: unknown }) => (issue.input == null ? 'is required' : `must be ${what}`);
const Uuid = z.uuid({ error: (i) => (i.input == null ? 'is required' : 'must be a UUID') });

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
    .refine((v) => !NUL.test(v), { error: 'must not contain NUL characters', ...rule(AppgateRule.noNul) })
    .refine((v) => !UNPAIRED_SURROGATE.test(v), { error: 'must not contain unpaired surrogates', ...rule(AppgateRule.noLoneSurrogate) });
const Text = (max: number) => storable(z.string({ error: required('a string') }).max(max, { error: `at most ${max} characters` }));
const Name = storable(
  z
    .string({ error: required('a string') })
    .min(1, { error: 'must not be empty' })
    .max(255, { error: 'at most 255 characters' }),
);
// RFC 1123 host names (letters, digits, hyphens, dots); the URL and QR code carry it verbatim.
const Hostname = z
  .string({ error: required('a string') })
  .max(253, { error: 'at most 253 characters' })
  .regex(/^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, {
    error: 'must be a host name (letters, digits, hyphens, dots)',
  });
const Tags = z
  .array(
    storable(
      z
        .string({ error: required('a string') })
        .min(1, { error: 'must not be empty' })
        .max(64, { error: 'at most 64 characters' }),
    ),
    { error: 'must be a list of strings' },
  )
  .max(64, { error: 'at most 64 tags' });

export const AppgateClientProfileType = z.enum(appgateClientProfileTypes, { error: 'must be Profile or Group' });
export type AppgateClientProfileType = z.infer<typeof AppgateClientProfileType>;

export const AppgateProfileUrlInput = z.object(
  {
    id: Uuid.nullish(),
    /** Write-only: an `appgate://` URL exported from a client profile. Omit to keep the member's stored URL (by id). */
    url: storable(z.string({ error: required('a string') }).max(8192, { error: 'at most 8192 characters' })).nullish(),
    weight: z
      .number({ error: required('an integer') })
      .int({ error: 'must be an integer' })
      .min(0, { error: 'must be at least 0' })
      .max(10_000, { error: 'must be at most 10000' })
      .nullish(),
  },
  { error: required('an object') },
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
  profileUrls: z.array(AppgateProfileUrlInput, { error: 'must be a list' }).max(100, { error: 'at most 100 profile URLs' }).nullish(),
});

/** A Profile needs its identity provider; `typeWhenOmitted` is what an omitted `type` means here. */
function requireIdentityProvider(typeWhenOmitted: 'Profile' | null) {
  return ClientProfileFields.refine(
    (v) => (v.type ?? typeWhenOmitted) !== 'Profile' || (v.identityProviderName != null && v.identityProviderName !== ''),
    {
      path: ['identityProviderName'],
      message: 'a Profile needs an identity provider',
      ...rule(AppgateRule.identityProviderRequired),
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
    .array(storable(z.string().max(256, { error: 'at most 256 characters' })))
    .max(20, { error: 'at most 20 queries' })
    .default([]),
  /** `a-b`: `a` the 0-based first index, `b` the exclusive end (spec §7.3). Omitted = everything. */
  range: z
    .string()
    .regex(/^\d{1,9}-\d{1,9}$/, { error: 'must be <start>-<end>', abort: true })
    .refine(
      (r) => {
        const [a, b] = r.split('-').map(Number);
        return a! <= b!;
      },
      { error: 'start must not be greater than end', ...rule(AppgateRule.rangeOrder) },
    )
    .optional(),
  orderBy: z.enum(appgateOrderFields, { error: `must be one of ${appgateOrderFields.join(', ')}` }).default('name'),
  descending: z.boolean().default(false),
  filterBy: z
    .array(
      z.object({
        name: z.enum(appgateFilterFields, { error: `must be one of ${appgateFilterFields.join(', ')}` }),
        value: storable(z.string().max(256, { error: 'at most 256 characters' })),
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
      .string({ error: required('a string') })
      .min(1, { error: 'must not be empty' })
      .max(255, { error: 'at most 255 characters' }),
  ),
  deviceId: Uuid,
  username: storable(z.string({ error: required('a string') }).max(256, { error: 'at most 256 characters' })).nullish(),
  password: z
    .string({ error: required('a string') })
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
    .string({ error: required('a string') })
    .max(1024)
    .nullish(),
});
export type AppgateOtpInitializeInput = z.infer<typeof AppgateOtpInitializeInput>;

/** `POST /admin/authentication/otp` body (login.yml): `otp` is required. */
export const AppgateOtpInput = z.object({
  otp: z.string({ error: required('a string') }).max(1024),
  state: z.string().max(65_536).nullish(),
});
export type AppgateOtpInput = z.infer<typeof AppgateOtpInput>;
