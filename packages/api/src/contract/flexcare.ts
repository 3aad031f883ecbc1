import { flexcareAccessLevels, flexcareLicenseAuthMethods, flexcareTranslationEngines } from '@profilehub/db/enums';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { PageInput, PageOutput } from './page';

// TelecomX FlexCare (seed 000, spec section 1 and 7.1). Input field names are the vendor's wire names so a
// failing field reports the same path on every transport; outputs use `id` (REST maps it to `_id`).

/**
 * The typed code of a refinement (built-in checks are known by their zod issue code); each transport words
 * it (the FlexCare envelope maps it to TelecomX's `check` name).
 */
export const FlexcareRule = { noNul: 'NO_NUL', ipOrCidr: 'IP_OR_CIDR', layoutJson: 'LAYOUT_JSON' } as const;
export type FlexcareRule = (typeof FlexcareRule)[keyof typeof FlexcareRule];
const rule = (code: FlexcareRule) => ({ params: { code } });

// PostgreSQL text cannot hold NUL; refusing it here answers 422 instead of failing in the database.
const noNul = (value: string) => !value.includes('\0');
/** A string that can be stored (no NUL characters). */
const Text = () =>
  z.string({ error: 'must be a string' }).refine(noNul, { error: 'must not contain NUL characters', ...rule(FlexcareRule.noNul) });

export const FlexcareObjectId = z
  .string({ error: 'must be a 24 character hex ObjectId' })
  .regex(/^[0-9a-fA-F]{24}$/, { error: 'must be a 24 character hex ObjectId' })
  .transform((s) => s.toLowerCase());

// Ids from a URL or a reference field: any string, because a malformed id is simply an item that does not
// exist (404, decision 7.1), never a validation error. The body limit bounds its length.
const AnyId = z.string();

export const FlexcareAccessLevel = z.enum(flexcareAccessLevels);
export type FlexcareAccessLevel = z.infer<typeof FlexcareAccessLevel>;

/**
 * One ipList entry: a plain IPv4/IPv6 address or a CIDR range. IPv4 must be dotted four-part decimal:
 * ipaddr.js alone also accepts the legacy `127.1` / hex / octal forms, which a whitelist must not.
 */
export function isIpOrCidr(value: string): boolean {
  // A zone index (`fe80::1%eth0`) names an interface of one host; it means nothing in a shared whitelist.
  if (value.includes('%')) return false;
  if (ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv4.isValidCIDRFourPartDecimal(value)) return true;
  if (value.includes(':')) return ipaddr.IPv6.isValid(value) || ipaddr.IPv6.isValidCIDR(value);
  return false;
}

/** Layouts are stored as the client sent them; they must be empty or valid JSON text (decision 7.1). */
export function isLayoutJson(value: string): boolean {
  if (value === '') return true;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

const Name = Text().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' });
const IpEntry = z
  .string({ error: 'must be a string' })
  .trim()
  .refine(isIpOrCidr, { error: 'must be an IPv4/IPv6 address or a CIDR range', ...rule(FlexcareRule.ipOrCidr) });
const IpList = z.array(IpEntry, { error: 'must be an array of strings' }).max(1000, { error: 'at most 1000 entries' });
const LanguageIds = z.array(FlexcareObjectId, { error: 'must be an array of ObjectIds' }).max(500, { error: 'at most 500 languages' });
const Layout = z
  .string({ error: 'must be a string' })
  .max(200_000, { error: 'must be at most 200000 characters' })
  .refine(isLayoutJson, { error: 'must be empty or valid JSON', ...rule(FlexcareRule.layoutJson) });
const Bool = z.boolean({ error: 'must be a boolean' });

/** Paging shared by every TelecomX list (offset default 0, limit default 100, clamped to 1..500). */
const Paging = {
  offset: z.number({ error: 'must be a number' }).int({ error: 'must be an integer' }).min(0, { error: 'must be >= 0' }).default(0),
  limit: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .default(100)
    .transform((n) => Math.min(500, Math.max(1, n))),
  filter: Text().max(200, { error: 'must be at most 200 characters' }).optional(),
};

export const FlexcareListInput = z.strictObject(Paging);
export type FlexcareListInput = z.input<typeof FlexcareListInput>;

const page = <T extends z.ZodType>(item: T) => z.object({ offset: z.number(), limit: z.number(), total: z.number(), items: z.array(item) });

// ---- dialog profiles ----------------------------------------------------------------------------------

export const DialogProfileCreateInput = z.strictObject({
  name: Name,
  customer: FlexcareObjectId,
  allLanguages: Bool.default(false),
  languages: LanguageIds.default([]),
  ipList: IpList.default([]),
  largeKeyboardLayout: Layout.default(''),
  smallKeyboardLayout: Layout.default(''),
});
export type DialogProfileCreateInput = z.input<typeof DialogProfileCreateInput>;

export const DialogProfileUpdateInput = z.strictObject({
  id: AnyId,
  name: Name.optional(),
  customer: FlexcareObjectId.optional(),
  allLanguages: Bool.optional(),
  languages: LanguageIds.optional(),
  ipList: IpList.optional(),
  largeKeyboardLayout: Layout.optional(),
  smallKeyboardLayout: Layout.optional(),
});
export type DialogProfileUpdateInput = z.input<typeof DialogProfileUpdateInput>;

export const FlexcareIdInput = z.strictObject({ id: AnyId });
export type FlexcareIdInput = z.infer<typeof FlexcareIdInput>;

export const DialogProfile = z.object({
  id: z.string(),
  name: z.string(),
  customer: z.string(),
  allLanguages: z.boolean(),
  ipList: z.array(z.string()),
  languages: z.array(z.string()),
  mdmKey: z.string(),
  largeKeyboardLayout: z.string(),
  smallKeyboardLayout: z.string(),
});
export type DialogProfile = z.infer<typeof DialogProfile>;

export const DialogProfileListItem = z.object({
  id: z.string(),
  name: z.string(),
  allLanguages: z.boolean(),
  totalLicenses: z.number(),
  languages: z.array(z.string()),
  // Not on the vendor's list item; the admin UI shows it and REST leaves it out.
  customer: z.string(),
});
export const DialogProfileList = page(DialogProfileListItem);

export const DialogProfileListInput = z.strictObject({ ...Paging, customer: FlexcareObjectId.optional() });
export type DialogProfileListInput = z.input<typeof DialogProfileListInput>;

// ---- licenses --------------------------------------------------------------------------------------------

export const FlexcareLicense = z.object({
  id: z.string(),
  expire: z.date(),
  createdAt: z.date(),
  accessToken: z.string().nullable(),
  authCode: z.string().nullable(),
  authenticatedBy: z.enum(flexcareLicenseAuthMethods).nullable(),
});
export type FlexcareLicense = z.infer<typeof FlexcareLicense>;
export const FlexcareLicenseList = page(FlexcareLicense);

export const FlexcareLicenseListInput = z.strictObject({
  profile: AnyId,
  offset: Paging.offset,
  limit: Paging.limit,
});
export type FlexcareLicenseListInput = z.input<typeof FlexcareLicenseListInput>;

export const FlexcareLicenseIssueInput = z.strictObject({
  profile: AnyId,
  expire: z.date(),
  authenticatedBy: z.enum(flexcareLicenseAuthMethods).optional(),
});
export type FlexcareLicenseIssueInput = z.infer<typeof FlexcareLicenseIssueInput>;

// ---- languages -------------------------------------------------------------------------------------------

const ShortText = Text().max(200, { error: 'must be at most 200 characters' });
const languageFields = {
  nativeName: ShortText,
  code: z.string({ error: 'must be a string' }).regex(/^([a-z]{2})?$/, { error: 'must be an ISO 639-1 code (two lower-case letters)' }),
  country: z
    .string({ error: 'must be a string' })
    .regex(/^([A-Z]{2})?$/, { error: 'must be an ISO 3166 alpha-2 code (two upper-case letters)' }),
  keyboardCountry: ShortText,
  keyboardLang: ShortText,
  model: ShortText,
  speak: ShortText,
  translation: z.enum(flexcareTranslationEngines, { error: "must be 'ollama' or 'nllb'" }),
  verify: Bool,
  voice: ShortText,
  keyboardConfigString: Text().max(200_000, { error: 'too long' }),
  disclaimer: Text().max(20_000, { error: 'too long' }),
};

export const DialogLanguageCreateInput = z.strictObject({
  name: Name,
  nativeName: languageFields.nativeName.default(''),
  code: languageFields.code.default(''),
  country: languageFields.country.default(''),
  keyboardCountry: languageFields.keyboardCountry.default(''),
  keyboardLang: languageFields.keyboardLang.default(''),
  model: languageFields.model.default(''),
  speak: languageFields.speak.default(''),
  translation: languageFields.translation.default('nllb'),
  verify: languageFields.verify.default(false),
  voice: languageFields.voice.default(''),
  keyboardConfigString: languageFields.keyboardConfigString.default(''),
  disclaimer: languageFields.disclaimer.default(''),
});
export type DialogLanguageCreateInput = z.input<typeof DialogLanguageCreateInput>;

export const DialogLanguageUpdateInput = z.strictObject({
  id: AnyId,
  name: Name.optional(),
  nativeName: languageFields.nativeName.optional(),
  code: languageFields.code.optional(),
  country: languageFields.country.optional(),
  keyboardCountry: languageFields.keyboardCountry.optional(),
  keyboardLang: languageFields.keyboardLang.optional(),
  model: languageFields.model.optional(),
  speak: languageFields.speak.optional(),
  translation: languageFields.translation.optional(),
  verify: languageFields.verify.optional(),
  voice: languageFields.voice.optional(),
  keyboardConfigString: languageFields.keyboardConfigString.optional(),
  disclaimer: languageFields.disclaimer.optional(),
});
export type DialogLanguageUpdateInput = z.input<typeof DialogLanguageUpdateInput>;

export const DialogLanguage = z.object({
  id: z.string(),
  name: z.string(),
  nativeName: z.string(),
  code: z.string(),
  country: z.string(),
  keyboardCountry: z.string(),
  keyboardLang: z.string(),
  model: z.string(),
  speak: z.string(),
  translation: z.enum(flexcareTranslationEngines),
  verify: z.boolean(),
  voice: z.string(),
  keyboardConfigString: z.string(),
  disclaimer: z.string(),
  totalProfiles: z.number(),
});
export type DialogLanguage = z.infer<typeof DialogLanguage>;

export const DialogLanguageListItem = z.object({
  id: z.string(),
  name: z.string(),
  nativeName: z.string(),
  country: z.string(),
  model: z.string(),
  translation: z.enum(flexcareTranslationEngines),
  totalProfiles: z.number(),
});
export const DialogLanguageList = page(DialogLanguageListItem);

// The admin's tables of profiles and languages: by name either way, filtered by name. (The TelecomX lists
// above keep the vendor's order and query parameters; REST calls those.)
export const DialogProfilePageInput = PageInput(['name']);
export type DialogProfilePageInput = z.output<typeof DialogProfilePageInput>;
export const DialogProfilePage = PageOutput(DialogProfileListItem);
export const DialogLanguagePageInput = PageInput(['name']);
export type DialogLanguagePageInput = z.output<typeof DialogLanguagePageInput>;
export const DialogLanguagePage = PageOutput(DialogLanguageListItem);

export const FlexcareSuccess = z.object({ success: z.literal(true) });

// ---- resellers, customers, employees ---------------------------------------------------------------------

export const FlexcareReseller = z.object({ id: z.string(), name: z.string(), totalCustomers: z.number(), createdAt: z.date() });
export const FlexcareResellerCreateInput = z.strictObject({ name: Name });
export const FlexcareResellerUpdateInput = z.strictObject({ id: z.string().max(100), name: Name });

export const FlexcareCustomer = z.object({
  id: z.string(),
  name: z.string(),
  reseller: z.string().nullable(),
  resellerName: z.string().nullable(),
  totalEmployees: z.number(),
  totalProfiles: z.number(),
  createdAt: z.date(),
});
export type FlexcareCustomer = z.infer<typeof FlexcareCustomer>;
export const FlexcareCustomerCreateInput = z.strictObject({ name: Name, reseller: FlexcareObjectId.nullable().default(null) });
export type FlexcareCustomerCreateInput = z.input<typeof FlexcareCustomerCreateInput>;
export const FlexcareCustomerUpdateInput = z.strictObject({
  id: AnyId,
  name: Name.optional(),
  reseller: FlexcareObjectId.nullable().optional(),
});
export type FlexcareCustomerUpdateInput = z.input<typeof FlexcareCustomerUpdateInput>;

const Username = Text()
  .trim()
  .min(3, { error: 'must be at least 3 characters' })
  .max(200, { error: 'must be at most 200 characters' })
  .regex(/^[^\s]+$/, { error: 'must not contain spaces' });
const Password = z.string().min(12, { error: 'at least 12 characters' }).max(1024);

export const FlexcareEmployee = z.object({
  id: z.string(),
  customer: z.string(),
  customerName: z.string(),
  username: z.string(),
  name: z.string(),
  language: z.string(),
  accessLevel: FlexcareAccessLevel,
  createdAt: z.date(),
});
export type FlexcareEmployee = z.infer<typeof FlexcareEmployee>;
export const FlexcareEmployeeListInput = z.strictObject({ customer: FlexcareObjectId.optional() });
export const FlexcareEmployeeCreateInput = z.strictObject({
  customer: FlexcareObjectId,
  username: Username,
  name: Text().trim().max(200).default(''),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .default('en'),
  accessLevel: FlexcareAccessLevel,
  /** Omit to have a random password generated and returned once. */
  password: Password.optional(),
});
export type FlexcareEmployeeCreateInput = z.input<typeof FlexcareEmployeeCreateInput>;
export const FlexcareEmployeeCreateOutput = z.object({ employee: FlexcareEmployee, password: z.string().nullable() });
export const FlexcareEmployeeUpdateInput = z.strictObject({
  id: AnyId,
  name: Text().trim().max(200).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
  accessLevel: FlexcareAccessLevel.optional(),
  password: Password.optional(),
});
export type FlexcareEmployeeUpdateInput = z.input<typeof FlexcareEmployeeUpdateInput>;

// ---- auth ------------------------------------------------------------------------------------------------

export const FlexcareLoginInput = z.strictObject({
  username: Text().trim().min(1, { error: 'is required' }).max(200, { error: 'must be at most 200 characters' }),
  password: z
    .string({ error: 'must be a string' })
    .min(1, { error: 'is required' })
    .max(1024, { error: 'must be at most 1024 characters' }),
  persist: Bool.default(false),
});
export type FlexcareLoginInput = z.input<typeof FlexcareLoginInput>;

const SessionInfo = {
  employee: z.string(),
  customer: z.string(),
  accessLevel: FlexcareAccessLevel,
  name: z.string(),
  language: z.string(),
  customerName: z.string(),
};

export const FlexcareLoginOutput = z.object({
  token: z.string(),
  expiresInMinutes: z.number(),
  ...SessionInfo,
  customerFeatures: z.array(z.string()),
  customerIntegrations: z.array(z.string()).optional(),
});

// Any string: a token of the wrong shape is an Undecipherable 401, not a validation error.
export const FlexcareValidateTokenInput = z.strictObject({ token: z.string(), extend: z.boolean().default(false) });
export type FlexcareValidateTokenInput = z.input<typeof FlexcareValidateTokenInput>;
export const FlexcareValidateTokenOutput = z.object({ success: z.literal(true), expiresInMinutes: z.number(), ...SessionInfo });

// ---- admin tables (the directory a page at a time; the vendor's own lists stay as they are) -------------

export const FlexcareResellerPageInput = PageInput(['name', 'createdAt']);
export type FlexcareResellerPageInput = z.output<typeof FlexcareResellerPageInput>;
export const FlexcareResellerPage = PageOutput(FlexcareReseller);

export const FlexcareCustomerPageInput = PageInput(['name', 'reseller', 'createdAt']);
export type FlexcareCustomerPageInput = z.output<typeof FlexcareCustomerPageInput>;
export const FlexcareCustomerPage = PageOutput(FlexcareCustomer);

export const FlexcareEmployeePageInput = PageInput(['username', 'name', 'customer', 'accessLevel', 'createdAt'], {
  customer: FlexcareObjectId.optional(),
});
export type FlexcareEmployeePageInput = z.output<typeof FlexcareEmployeePageInput>;
export const FlexcareEmployeePage = PageOutput(FlexcareEmployee);
