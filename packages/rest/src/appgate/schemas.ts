import { appgateContract as contract } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { classifyError, restError } from '../framework/errors';
import type { RequestPart } from '../framework/route-schema';
import { listQueryFromWire } from './wire';

// Request and answer schemas of the Appgate surface. Request bodies reuse the contract's schemas, whose
// messages are the controller's bean-validation wording; answers are described as the newest served
// version (v22/v23) has them, as the vendor's v22 files define them (`../shared/spec/appgate-v22`).

const {
  AppgateClientProfileCreateInput,
  AppgateClientProfileListInput,
  AppgateClientProfileUpdateInput,
  AppgateLoginInput,
  AppgateOtpInitializeInput,
  AppgateOtpInput,
  AppgatePrivilege,
  AppgateSignInProviders,
  AppgateClientProfileType,
  appgateFilterFields,
  appgateOrderFields,
} = contract;

export const IdParams = z.object({ id: z.string().describe('ID of the client profile (a uuid; anything else is not found)') });

export const LoginBody = AppgateLoginInput;
/** Absent means `{}`. */
export const OtpInitializeBody = z.preprocess((b) => (b === undefined ? {} : b), AppgateOtpInitializeInput);
export const OtpBody = AppgateOtpInput;
export const ProfileCreateBody = AppgateClientProfileCreateInput;
export const ProfileReplaceBody = AppgateClientProfileUpdateInput.shape.profile;

const repeatable = z.union([z.string(), z.array(z.string())]).optional();

/** `?query=a&query=b&range=0-10&orderBy=name&descending=true&filterBy[tags]=x`, read into the list input. */
export const ListQuery = z
  .looseObject({
    query: repeatable.describe('Only profiles whose name, notes, tags or identity provider contain this text (repeatable: all must match)'),
    range: repeatable.describe('`a-b`: the items from index a (0-based) to b (exclusive); default everything'),
    orderBy: repeatable.describe(`The field to sort by (default name): ${appgateOrderFields.join(', ')}`),
    descending: repeatable.describe('true: sort descending'),
    filterBy: z
      .record(z.enum(appgateFilterFields), z.string())
      .optional()
      .describe(`\`filterBy[<field>]=<value>\`: only profiles whose field contains the value (${appgateFilterFields.join(', ')})`),
  })
  // The wire values as the contract's input; the contract then refuses what is not (e.g. an unknown orderBy).
  .transform((q) => listQueryFromWire(q) as z.input<typeof AppgateClientProfileListInput>)
  .pipe(AppgateClientProfileListInput);

// ---- answers ------------------------------------------------------------------------------------------

const dateTime = z.iso.datetime({ offset: true });

export const LoginWire = z.object({
  user: z.object({
    name: z.string(),
    needTwoFactorAuth: z.boolean(),
    canAccessAuditLogs: z.boolean(),
    privileges: z.array(AppgatePrivilege),
  }),
  token: z.string(),
  expires: dateTime,
});

export const VersionWire = z.object({ peerVersion: z.number().int(), lowestPeerVersionSupported: z.number().int() });
export const ProvidersWire = z.object({ data: AppgateSignInProviders });
export const OtpInitializeWire = z.object({ type: z.string() });

/** A client profile as v20+ answers it (v18/v19 leave out `type` and Groups' `profileUrls`). */
export const ProfileWire = z.object({
  id: z.string(),
  name: z.string(),
  notes: z.string(),
  created: dateTime,
  updated: dateTime,
  tags: z.array(z.string()),
  type: AppgateClientProfileType,
  spaKeyName: z.string().optional().describe('Profile only'),
  identityProviderName: z.string().optional().describe('Profile only'),
  hostname: z.string().optional().describe('Profile only: overrides the global profile hostname'),
  globalHostname: z.string().optional().describe('Profile only: the global profile hostname'),
  exported: dateTime.optional().describe('Profile only: the last export as URL or barcode'),
  profileUrls: z
    .array(z.object({ id: z.string(), hostname: z.string(), profileName: z.string().optional(), weight: z.number().int() }))
    .optional()
    .describe('Group only: its member profile URLs'),
});

export const ProfileListWire = z.object({
  data: z.array(ProfileWire),
  range: z.string().describe('`<first>-<end>/<total after query and filters>`'),
  orderBy: z.string(),
  descending: z.boolean(),
  queries: z.array(z.string()),
  query: z.string().optional().describe('v18/v19 only: the first query'),
  totalCount: z.number().int().describe('v19+: the total count, not influenced by the query'),
  filterBy: z.array(z.object({ name: z.string(), value: z.string() })),
});

export const UrlWire = z.object({ url: z.string().describe('appgate://<hostname>/<base64 JSON>') });
export const BarcodeWire = z.object({ barcode: z.base64().describe('The URL as a PNG QR code, base64') });

/** The controller's error body (spec §3.2); 422 adds `errors`, a failed login `failureType`. */
export const AppgateErrorSchema = z.object({
  id: z.string().describe('The lower-case HTTP reason phrase: bad request, unauthorized, forbidden, not found, …'),
  message: z.string(),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('422: each field that failed validation'),
  failureType: z.string().optional().describe('A failed login: Login'),
});

/** A body that is not a JSON object is the controller's 400 "JSON error"; a field that fails is its 422. */
export function invalidRequest(part: RequestPart, error: z.ZodError, req: FastifyRequest) {
  const raw = req.body;
  if (part === 'body' && (typeof raw !== 'object' || raw === null || Array.isArray(raw)))
    return restError('bad_request', 'JSON error. Check the JSON format.');
  return classifyError(error);
}
