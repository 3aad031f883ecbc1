import { flexcareContract as contract } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { type ZodType, z } from 'zod';
import { classifyError, restError } from '../framework/errors';
import type { RequestPart } from '../framework/route-schema';
import { queryBool, queryNumber } from './wire';

// Request and answer schemas of the TelecomX FlexCare surface. Request fields reuse the contract's own
// schemas (vendor field names, TelecomX messages and checks), so the framework's validation answers exactly
// as the procedures would; unknown keys (`_id`, `mdmKey`, anything else) are dropped, not refused (7.1).

const {
  DialogLanguage,
  DialogLanguageCreateInput,
  DialogLanguageListItem,
  DialogLanguageUpdateInput,
  DialogProfile,
  DialogProfileCreateInput,
  DialogProfileListItem,
  DialogProfileUpdateInput,
  FlexcareListInput,
  FlexcareLicenseListInput,
  FlexcareLoginInput,
  FlexcareLoginOutput,
  FlexcareSuccess,
  FlexcareValidateTokenOutput,
} = contract;

/** A JSON body object (absent = `{}`, a body of another type is refused by `invalidRequest` with 400). */
function body<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess((b) => b ?? {}, z.object(shape));
}

/** The request's fields without the contract's `id` (it comes from the path). */
function withoutId<S extends z.ZodRawShape & { id: ZodType }>(shape: S) {
  const { id: _id, ...rest } = shape;
  return rest;
}

/** A query flag: present without a value, `true` or `1` mean yes. */
const flag = (description: string) =>
  z
    .preprocess((v) => (v === undefined ? undefined : queryBool(v)), z.boolean().optional())
    .describe(`${description} (\`?name\`, true or 1)`);

/** Query numbers arrive as digits; anything else reaches the contract as it came and is refused by it. */
const number = <T extends ZodType>(schema: T) => z.preprocess(queryNumber, schema);

export const IdParams = z.object({ id: z.string().describe('The item id (a 24 hex ObjectId; any other value is not found)') });

export const ListQuery = z.object({
  offset: number(FlexcareListInput.shape.offset).describe('First item, 0-based (default 0)'),
  limit: number(FlexcareListInput.shape.limit).describe('Items per page (default 100, clamped to 1…500)'),
  filter: z
    .preprocess((v) => (v === '' ? undefined : v), FlexcareListInput.shape.filter)
    .describe('Only items whose name contains this text'),
});

export const LicenseQuery = z.object({
  // Without a profile there is no such profile: 404, as the vendor answers.
  profile: z
    .preprocess((v) => (typeof v === 'string' && v !== '' ? v : undefined), z.string().optional())
    .describe('The dialog profile whose licenses to list (without it: 404 id)'),
  offset: number(FlexcareLicenseListInput.shape.offset).describe('First item, 0-based (default 0)'),
  limit: number(FlexcareLicenseListInput.shape.limit).describe('Items per page (default 100, clamped to 1…500)'),
});

export const LoginBody = body(FlexcareLoginInput.shape);
export const LoginQuery = z.object({
  username: FlexcareLoginInput.shape.username,
  password: FlexcareLoginInput.shape.password,
  persist: flag('A token that never expires'),
});

export const ValidateTokenQuery = z.object({
  simple: flag('Answer only 200 {success:true} or 403'),
  extend: flag('Restart the token lifetime'),
});

export const ProfileCreateBody = body(DialogProfileCreateInput.shape);
export const ProfileUpdateBody = body(withoutId(DialogProfileUpdateInput.shape));
export const LanguageCreateBody = body(DialogLanguageCreateInput.shape);
export const LanguageUpdateBody = body(withoutId(DialogLanguageUpdateInput.shape));

// ---- answers (wire shapes: `_id`, ISO dates, absent optional license fields) -----------------------------

const wireId = <S extends z.ZodRawShape & { id: ZodType }>(schema: z.ZodObject<S>) =>
  z.object({ _id: z.string(), ...withoutId(schema.shape) });

const page = <T extends ZodType>(item: T) => z.object({ offset: z.number(), limit: z.number(), total: z.number(), items: z.array(item) });

export const ProfileWire = wireId(DialogProfile);
export const ProfileListWire = page(wireId(DialogProfileListItem.omit({ customer: true })));
export const LicenseListWire = page(
  z.object({
    _id: z.string(),
    expire: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    accessToken: z.string().optional(),
    authCode: z.string().optional(),
    authenticatedBy: z.string().optional(),
  }),
);
export const LanguageWire = wireId(DialogLanguage);
export const LanguageListWire = page(wireId(DialogLanguageListItem));
export { FlexcareLoginOutput as LoginWire, FlexcareSuccess as SuccessWire, FlexcareValidateTokenOutput as ValidateTokenWire };

/** TelecomX's error envelope (spec 1.3). */
export const FlexcareErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('The failing field path (422, 404 on a reference), or e.g. invalid_token, expired, access_denied, not_found'),
    message: z.string(),
    status: z.number().int(),
    path: z.string().optional(),
    check: z.string().optional().describe('The check that failed (422): required, type, min, max, format, enum, ip, json, …'),
  }),
});

/** A body that is not a JSON object cannot be read (400); a field that fails is the contract's 422. */
export function invalidRequest(part: RequestPart, error: z.ZodError, req: FastifyRequest) {
  const raw = req.body;
  if (part === 'body' && raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
    return restError('bad_request', 'Request body must be a JSON object');
  return classifyError(error);
}
