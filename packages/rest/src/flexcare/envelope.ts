import { flexcareContract } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { findZodError, type RestError } from '../framework/errors';
import type { Envelope } from '../framework/surface';

// TelecomX error envelope (spec 1.3, decisions 7.1): {"error":{"code","message","status","path"?,"check"?}}
// with the real HTTP status. Endpoint tables list `code` in their "Message" column.

type WireError = { code: string; message: string; status: number; path?: string; check?: string };

const unauthorized: Record<string, [string, string]> = {
  TOKEN_EXPIRED: ['expired', 'Session has expired, please login'],
  TOKEN_UNDECIPHERABLE: ['invalid_token', 'Undecipherable'],
  TOKEN_UNKNOWN: ['invalid_token', 'Please login'],
  FORMAT_ERROR: ['format_error', 'Authorization header format is Authorization: Bearer <token>'],
  CREDENTIALS_INVALID: ['credentials_invalid', 'Authorization required, please login'],
};

// Where a missing referenced item is reported as a property (`code` = property path, spec 1.3).
function notFound(err: RestError, req: FastifyRequest): WireError {
  const onProfileWrite = req.method === 'POST' && (req.routeOptions.url ?? '').includes('/dialog/profile');
  switch (err.code) {
    case 'CUSTOMER_NOT_FOUND':
      return { code: 'customer', path: 'customer', message: 'Customer not found', status: 404 };
    case 'LANGUAGE_NOT_FOUND':
      return onProfileWrite
        ? { code: 'languages', path: 'languages', message: 'Language not found', status: 404 }
        : { code: 'not_found', message: 'Language not found', status: 404 };
    case 'DIALOG_PROFILE_NOT_FOUND':
      return { code: 'id', message: 'Dialog profile not found', status: 404 };
    default:
      return { code: 'not_found', message: 'Profile not found', status: 404 };
  }
}

// TelecomX's `check` names, from the typed code of the rule that failed: zod's issue codes for built-in
// checks (and the services' issues, which use the same codes), the contract's rule codes for refinements.
const checkFor: Record<string, string> = {
  invalid_type: 'type',
  too_small: 'min',
  too_big: 'max',
  invalid_format: 'format',
  invalid_value: 'enum',
  not_multiple_of: 'integer',
  [flexcareContract.FlexcareRule.noNul]: 'format',
  [flexcareContract.FlexcareRule.ipOrCidr]: 'ip',
  [flexcareContract.FlexcareRule.layoutJson]: 'json',
};

const checkName = (code: string) => checkFor[code] ?? code;

/** The first failing field in the order the client wrote the body (then the query, then absent fields). */
function validation(err: RestError, req: FastifyRequest): WireError {
  const order = [
    ...(req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? Object.keys(req.body) : []),
    ...Object.keys((req.query ?? {}) as object),
  ];
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const zod = findZodError(err.cause);
  const issues = zod
    ? zod.issues.map((i) => {
        const top = String(i.path[0] ?? '');
        const absent = i.code === 'invalid_type' && top !== '' && i.path.length === 1 && !order.includes(top);
        const check = absent ? 'required' : checkName(i.code === 'custom' ? String(i.params?.code ?? 'custom') : i.code);
        return { path: i.path.join('.'), message: absent ? 'is required' : i.message, check, top };
      })
    : err.issues.map((i) => ({ ...i, check: i.check && checkName(i.check), top: i.path.split('.')[0] ?? '' }));
  const first = [...issues].sort((a, b) => rank(a.top) - rank(b.top))[0];
  if (!first?.path) return { code: 'invalid', message: err.message, status: 422 };
  return {
    code: first.path,
    path: first.path,
    message: `${first.path} ${first.message}`,
    status: 422,
    ...(first.check && { check: first.check }),
  };
}

function wire(err: RestError, req: FastifyRequest): WireError {
  switch (err.class) {
    case 'bad_request':
      return { code: 'bad_request', message: err.message, status: 400 };
    case 'validation':
      return validation(err, req);
    case 'unauthorized': {
      const [code, message] = unauthorized[err.code ?? ''] ?? unauthorized.CREDENTIALS_INVALID!;
      return { code, message, status: 401 };
    }
    case 'forbidden':
      return { code: 'access_denied', message: 'Insufficient access level', status: 403 };
    case 'not_found':
      return notFound(err, req);
    case 'route_not_found':
      return { code: 'not_found', message: 'Not found', status: 404 };
    case 'method_not_allowed':
      return { code: 'method_not_allowed', message: err.message, status: 405 };
    case 'conflict':
      return { code: err.code === 'IN_USE' ? 'in_use' : 'conflict', message: err.message, status: 409 };
    case 'precondition':
      return { code: 'precondition_failed', message: err.message, status: 409 };
    case 'too_large':
      return { code: 'too_large', message: 'Request body is too large', status: 413 };
    case 'unsupported_media_type':
      return { code: 'unsupported_media_type', message: 'Content-Type must be application/json', status: 415 };
    case 'unavailable':
      return { code: 'unavailable', message: 'Service temporarily unavailable', status: 503 };
    case 'unexpected':
      return { code: 'internal_error', message: 'Internal server error', status: 500 };
  }
}

export function envelope(err: RestError, req: FastifyRequest): Envelope {
  const body = wire(err, req);
  const headers = err.class === 'method_not_allowed' && err.allow ? { allow: err.allow.join(', ') } : undefined;
  return { status: body.status, body: { error: body }, headers };
}
