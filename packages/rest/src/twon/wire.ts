import { twonContract as contract } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { classifyError, restError } from '../framework/errors';
import type { RequestPart } from '../framework/route-schema';
import { UnreadableBody } from './body';

// Request and answer schemas of the 2N surface. Request parameters reuse the contract's own schemas, so the
// framework's validation fails exactly where the procedures would; the envelope turns the failed issue
// into 2N's request error (missing → 11, invalid → 12, too big → 13).

const { TwonCreateInput, TwonUpdateInput, TwonDeleteInput, TwonGetInput, TwonQueryInput } = contract;

/**
 * A body is a JSON object, or none. A body that did not parse reaches the route as an UnreadableBody (it is
 * judged after authentication): refused here, worded by `invalidRequest`.
 */
function body<S extends z.ZodRawShape>(shape: S) {
  // The check looks at the body as parsed (an object schema's refinements only see the copy it makes).
  return z.preprocess((b) => (b instanceof UnreadableBody ? Symbol('unreadable') : b), z.looseObject(shape).nullish());
}

/** `force` as a query parameter (the current manual) … */
export const ForceQuery = z.looseObject({
  force: z
    .enum(['1', 'true', '0', 'false', ''], { error: 'force is 1, true, 0 or false' })
    .optional()
    .describe('1/true: overwrite existing entries (resetting unspecified fields to their defaults)'),
});
/** … or a JSON key (the older manual and 2N's own client); the query parameter wins when both are given. */
const BodyForce = z
  .union([z.boolean(), z.literal(0), z.literal(1)], { error: 'force is a boolean, 0 or 1' })
  .optional()
  .describe('Same as the force query parameter');

export const forceOf = (query: z.output<typeof ForceQuery>, b: { force?: boolean | 0 | 1 } | null | undefined) =>
  query.force !== undefined ? query.force === '1' || query.force === 'true' : b?.force === true || b?.force === 1;

const users = (what: string) => ({ users: TwonCreateInput.shape.users.describe(what) });

export const CreateBody = body({ force: BodyForce, ...users('The entries to create (uuid optional: the device assigns one)') });
export const UpdateBody = body({ users: TwonUpdateInput.shape.users.describe('The entries to change, each by uuid') });
export const DeleteBody = body({
  owner: TwonDeleteInput.shape.owner.describe('Delete every entry of this owner'),
  users: TwonDeleteInput.shape.users.describe('The entries to delete, each {uuid}'),
});
export const GetBody = body({
  users: TwonGetInput.shape.users.describe('The entries to read, each {uuid}'),
  fields: TwonGetInput.shape.fields.describe('Only these fields of each entry'),
});
export const QueryBody = body({
  series: TwonQueryInput.shape.series.describe('The series the iterator belongs to (a new series answers everything)'),
  fields: TwonQueryInput.shape.fields.describe('Only these fields of each entry'),
  iterator: TwonQueryInput.shape.iterator.describe('{timestamp}: answer the entries changed after it'),
});

/** Functions that take no parameters still refuse a body that is not a JSON object, as every other one does. */
export const NoParameters = body({});

/** `{"success":true,"result":…}` */
export const ok = <T extends z.ZodType>(result: T) => z.object({ success: z.literal(true), result });

/** 2N's request error envelope (HTTP 200, or 401 with the challenge, 503, 500). */
export const TwonErrorSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z
      .number()
      .int()
      .describe(
        '2N request error: 2 path, 3 method, 8/9 authentication, 10 privileges, 11 missing, 12 invalid, 13 too big, 14 processing, 15 no data',
      ),
    param: z.string().optional().describe('The parameter at fault (11, 12, 13)'),
    description: z.string(),
  }),
});

/** 2N's wording for a request part that failed its schema: a broken body first (as before any parameter), then the parameter. */
export function invalidRequest(_part: RequestPart, error: z.ZodError, req: FastifyRequest) {
  const raw = req.body;
  if (raw instanceof UnreadableBody) return classifyError(raw);
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
    return restError('bad_request', 'The body must be a JSON object');
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, check: i.code }));
  return restError('validation', 'invalid parameter value', { issues });
}
