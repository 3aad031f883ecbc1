import type { soajsContract } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RestError } from '../framework/errors';
import type { Envelope } from '../framework/surface';
import { ImfvError } from './imfv';

type Detail = { code: number; message: string };

/** SOAJS's error envelope, as the OpenAPI document describes it. */
export const SoajsErrorSchema = z.object({
  result: z.literal(false),
  errors: z.object({
    codes: z.array(z.number().int()).describe('The codes of `details`, sorted, each once'),
    details: z.array(z.object({ code: z.number().int(), message: z.string() })),
  }),
});

/** `{"result":false,"errors":{"codes":[…sorted unique…],"details":[{code,message}]}}` */
export function soajsErrorBody(details: Detail[]) {
  const codes = [...new Set(details.map((d) => d.code))].sort((a, b) => a - b);
  return { result: false, errors: { codes, details } };
}

// The services' typed refusals as URAC answers them: its error table (config.errors, release/v2.x), the
// gateway's key error and the oauth layer's token errors (node-oauth2-server wording). Every code the
// services raise has its entry (the type says so); this is the only place URAC's sentences live.
const refusals: Record<soajsContract.SoajsErrorCode, Detail> = {
  SOAJS_KEY_INVALID: { code: 132, message: 'A valid key is needed to access any API.' },
  SOAJS_TOKEN_MISSING: { code: 401, message: 'The access token was not found' },
  SOAJS_TOKEN_INVALID: { code: 401, message: 'The access token provided is invalid.' },
  SOAJS_TOKEN_EXPIRED: { code: 401, message: 'The access token provided has expired.' },
  SOAJS_USER_EXISTS: { code: 402, message: 'User account already exists.' },
  SOAJS_USER_NOT_FOUND: { code: 405, message: 'Unable to find User. Please try again.' },
  SOAJS_SAVE_REFUSED: { code: 407, message: 'Problem validating Request. Please try again.' },
  SOAJS_PASSWORD_MISMATCH: { code: 408, message: 'The password and its confirmation do not match' },
  SOAJS_USERNAME_TAKEN: { code: 410, message: 'username taken, please choose another username' },
  SOAJS_INVALID_USER_ID: { code: 411, message: 'invalid user id provided' },
  SOAJS_USER_NOT_ADDED: { code: 414, message: 'Unable to add user.' },
  SOAJS_GROUP_NOT_FOUND: { code: 415, message: 'Unable to find group.' },
  SOAJS_GROUP_NOT_ADDED: { code: 416, message: 'Unable to create Group.' },
  SOAJS_INVALID_GROUP_ID: { code: 417, message: 'Invalid group id provided' },
  SOAJS_GROUP_NOT_EDITED: { code: 418, message: 'Unable to edit Group.' },
  SOAJS_GROUP_CODE_TAKEN: { code: 421, message: 'Group code already exists. Choose another' },
  SOAJS_PENDING_WITH_PASSWORD: {
    code: 424,
    message: 'Invalid Request, cannot add a pending user account and provide a password at the same time.',
  },
  SOAJS_LOCKED: { code: 500, message: 'This record in locked. You cannot modify or delete it' },
};

// Gateway-level codes keep their mapped HTTP status (soajs core errors table); service errors answer 200.
const gatewayStatus: Record<number, number> = { 132: 403, 401: 401, 151: 400 };

const isRefusal = (code: string | undefined): code is soajsContract.SoajsErrorCode => code !== undefined && Object.hasOwn(refusals, code);

function detailsOf(err: RestError): Detail[] | undefined {
  if (err.cause instanceof ImfvError) return err.cause.entries;
  return isRefusal(err.code) ? [refusals[err.code]] : undefined;
}

export function envelope(err: RestError, _req: FastifyRequest): Envelope {
  const details = detailsOf(err);
  if (details) return { status: gatewayStatus[details[0]!.code] ?? 200, body: soajsErrorBody(details) };
  switch (err.class) {
    case 'route_not_found':
    case 'method_not_allowed':
      return { status: 400, body: soajsErrorBody([{ code: 151, message: 'You are trying to reach an unknown rest service!' }]) };
    case 'unauthorized':
      return { status: 401, body: soajsErrorBody([{ code: 401, message: 'The access token provided is invalid.' }]) };
    case 'forbidden':
      return { status: 403, body: soajsErrorBody([{ code: 132, message: 'A valid key is needed to access any API.' }]) };
    case 'bad_request':
    case 'validation':
      return { status: 200, body: soajsErrorBody([{ code: 173, message: `Validation failed for field: body -> ${err.message}` }]) };
    case 'too_large':
      return {
        status: 413,
        body: soajsErrorBody([{ code: 173, message: 'Validation failed for field: body -> request entity too large' }]),
      };
    case 'unsupported_media_type':
      return {
        status: 415,
        body: soajsErrorBody([{ code: 173, message: 'Validation failed for field: body -> unsupported content type' }]),
      };
    case 'unavailable':
      return { status: 503, body: soajsErrorBody([{ code: 400, message: 'Database connection error' }]) };
    default:
      return { status: 500, body: soajsErrorBody([{ code: 150, message: 'Something blew up @ service core!' }]) };
  }
}
