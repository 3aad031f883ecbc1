import type { FastifyRequest } from 'fastify';
import type { RestError, RestErrorClass } from '../framework/errors';
import type { Envelope } from '../framework/surface';

// Acme answers every error as {"fault":{"code","reason","field"?}} with the real HTTP status. The wording is
// Acme's and lives only here: services raise typed codes (ACCOUNT_EXISTS), this maps them to faults.

type Fault = [status: number, code: number, reason: string];

const byClass: Record<RestErrorClass, Fault> = {
  bad_request: [400, 1400, 'The request body is not JSON'],
  validation: [400, 1400, 'A field is invalid'],
  unauthorized: [401, 1001, 'Send Authorization: AcmeKey <key>'],
  forbidden: [403, 1003, 'The key may not do this'],
  not_found: [404, 1404, 'No such user'],
  route_not_found: [404, 1404, 'No such resource'],
  method_not_allowed: [405, 1405, 'Method not allowed'],
  conflict: [409, 1409, 'Conflict'],
  precondition: [412, 1412, 'Precondition failed'],
  too_large: [413, 1413, 'The request body is too large'],
  unsupported_media_type: [415, 1415, 'Send application/json'],
  unavailable: [503, 1503, 'Try again later'],
  unexpected: [500, 1500, 'Internal error'],
};

/** Typed codes (from the services or this adapter's auth) that Acme words differently from their class. */
const byCode: Record<string, Fault> = {
  ACME_KEY_UNKNOWN: [401, 1002, 'The Acme key is not known'],
  ACCOUNT_EXISTS: [409, 1409, 'That user_name is taken'],
};

export function envelope(err: RestError, _req: FastifyRequest): Envelope {
  const [status, code, reason] = (err.code && byCode[err.code]) || byClass[err.class];
  const field = err.class === 'validation' ? err.issues[0]?.path : undefined;
  const headers = err.allow ? { allow: err.allow.join(', ') } : undefined;
  return { status, headers, body: { fault: { code, reason: field ? `${reason}: ${field}` : reason, ...(field && { field }) } } };
}
