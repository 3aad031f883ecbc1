import { ThrottledError } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import type { RestError, RestErrorClass } from '../framework/errors';
import type { Envelope } from '../framework/surface';
import { fieldErrors } from './bean-validation';

// Appgate error bodies (spec §3.2, decisions §7.3): `{id, message}` with the lower-case HTTP reason phrase
// as `id`; 422 adds `errors[{field, message}]` (worded in bean-validation.ts); a failed login adds
// `failureType` as the controller does.

const statusFor: Record<RestErrorClass, [number, string, string]> = {
  bad_request: [400, 'bad request', 'JSON error. Check the JSON format.'],
  validation: [422, 'unprocessable entity', 'Request validation error. Check "errors" array for details.'],
  unauthorized: [401, 'unauthorized', 'Token error. Login again.'],
  forbidden: [403, 'forbidden', "You don't have permission to access this resource."],
  not_found: [404, 'not found', 'The requested resource can not be found.'],
  route_not_found: [404, 'not found', 'The requested resource can not be found.'],
  method_not_allowed: [405, 'method not allowed', 'The method is not allowed for this resource.'],
  conflict: [409, 'conflict', 'The submitted resource conflicts with another.'],
  precondition: [412, 'precondition failed', 'Precondition failed.'],
  too_large: [413, 'payload too large', 'The request body is too large.'],
  unsupported_media_type: [415, 'unsupported media type', 'Send the body as application/json.'],
  unavailable: [503, 'service unavailable', 'Service temporarily unavailable. Try again later.'],
  unexpected: [500, 'internal server error', 'Unexpected server side error.'],
};

type Details = Record<string, unknown>;

/**
 * The controller's own wording for the typed codes it words specifically (409 names the duplicate, 412 the
 * missing setting, 401 says which sign-in failed); every other error gets its class's message above.
 */
const wording: Record<string, (details: Details) => string> = {
  APPGATE_LOGIN_FAILED: () => 'Invalid username or password.',
  APPGATE_TOKEN: () => 'Token error. Login again.',
  APPGATE_NO_ADMIN_RIGHTS: () => 'No administration rights.',
  APPGATE_PROFILE_NAME_TAKEN: (d) => `A Client Profile named '${String(d.name)}' already exists.`,
  APPGATE_PROFILE_ID_TAKEN: (d) => `A Client Profile with id '${String(d.id)}' already exists.`,
  APPGATE_NO_HOSTNAME: () => 'The Profile Hostname is not configured in global settings.',
  APPGATE_URL_TOO_LONG: () => 'The Client Profile URL is too long to be encoded as a QR code.',
};

function messageFor(err: RestError, fallback: string): string {
  const words = err.code === undefined ? undefined : wording[err.code];
  if (words) return words(err.domain?.details ?? {});
  // The controller has no throttle: Profilehub's own sentence says why (with 429 and Retry-After).
  if (err.domain instanceof ThrottledError) return err.message;
  return fallback;
}

export function envelope(err: RestError, req: FastifyRequest): Envelope {
  const [status, id, fallback] = statusFor[err.class];
  const message = messageFor(err, fallback);
  const body: Record<string, unknown> = { id, message };
  if (err.class === 'validation') {
    body.errors = fieldErrors(err, req.body);
  }
  if (err.code === 'APPGATE_LOGIN_FAILED') body.failureType = 'Login';
  return { status, body, headers: err.allow ? { allow: err.allow.join(', ') } : undefined };
}
