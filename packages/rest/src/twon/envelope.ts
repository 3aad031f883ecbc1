import type { FastifyRequest } from 'fastify';
import type { RestError } from '../framework/errors';
import type { Envelope } from '../framework/surface';
import { digestOnlyRequests } from './auth';
import { basicChallenge, digestChallenge } from './digest';

/** Every 2N reply's content type, exactly: 2N's own Python client compares the header with this string. */
export const TWON_CONTENT_TYPE = 'application/json';

// Request-level error codes of the 2N HTTP API (spec 4.1, reply format page 2.3).
export const twonErrorDescriptions: Record<number, string> = {
  1: 'function is not supported',
  2: 'invalid request path',
  3: 'invalid request method',
  4: 'function is disabled',
  5: 'function is licensed',
  7: 'invalid connection type',
  8: 'invalid authentication method',
  9: 'authorisation required',
  10: 'insufficient user privileges',
  11: 'missing mandatory parameter',
  12: 'invalid parameter value',
  13: 'parameter data too big',
  14: 'unspecified processing error',
  15: 'no data available',
};

function failure(
  code: number,
  opts: { param?: string; description?: string; status?: number; headers?: Envelope['headers'] } = {},
): Envelope {
  return {
    status: opts.status ?? 200,
    headers: opts.headers,
    body: {
      success: false,
      error: { code, ...(opts.param !== undefined && { param: opts.param }), description: opts.description ?? twonErrorDescriptions[code] },
    },
  };
}

/** Whether the request's JSON body carried the parameter at all (every required parameter is a body key). */
function sent(req: FastifyRequest, param: string): boolean {
  const body = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, param);
}

// From the typed parts of the issue, not its message: a required parameter the request left out is missing
// (11), a length or count limit is too big (13), anything else (a wrong type or value, an unknown key) is an
// invalid value (12).
function validation(err: RestError, req: FastifyRequest): Envelope {
  const issue = err.issues[0];
  const param = issue?.path.split('.')[0] || undefined;
  const absent = issue?.check === 'invalid_type' && param !== undefined && issue.path === param && !sent(req, param);
  if (err.code === 'TWON_MISSING_PARAMETER' || absent) return failure(11, { param });
  if (issue?.check === 'too_big') return failure(13, { param });
  return failure(12, { param });
}

/**
 * The 2N envelope: `{"success":false,"error":{"code","param"?,"description"}}`, HTTP 200 except 401 for
 * authentication (challenging Digest, and Basic too unless Basic is what the directory refused), 503 when the
 * database is down and 500 for a bug. The surface sends it as `application/json`, exactly.
 */
export function twonEnvelope(err: RestError, req: FastifyRequest): Envelope {
  switch (err.class) {
    case 'route_not_found':
      return failure(2);
    case 'method_not_allowed':
      return failure(3);
    case 'unauthorized': {
      const digest = digestChallenge(new Date(), err.code === 'TWON_AUTH_STALE');
      const headers = { 'www-authenticate': digestOnlyRequests.has(req) ? digest : [digest, basicChallenge] };
      return failure(err.code === 'TWON_AUTH_METHOD' ? 8 : 9, { status: 401, headers });
    }
    case 'forbidden':
      return failure(10);
    case 'validation':
      return validation(err, req);
    case 'too_large':
      return failure(13, { param: (err.domain?.details.param as string | undefined) ?? undefined });
    case 'unsupported_media_type':
      return failure(14, { description: 'Unsupported Content-Type' });
    case 'not_found':
      return failure(15);
    case 'unavailable':
      return failure(14, { status: 503 });
    case 'bad_request':
      return failure(14, { description: 'invalid request body' });
    default:
      return failure(14, { status: err.class === 'unexpected' ? 500 : 200 });
  }
}
