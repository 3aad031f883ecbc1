import type { SoajsErrorCode } from '../../contract/soajs';
import { DomainError, type DomainErrorKind } from '../../errors';

// The SOAJS services' refusals, named for what went wrong, with a plain message for typed clients and the
// admin. URAC's own error codes and sentences are the SOAJS envelope's (packages/rest/src/soajs/envelope.ts),
// mapped from these codes.
const refusals = {
  SOAJS_KEY_INVALID: ['forbidden', 'The SOAJS key is missing or unknown'],
  SOAJS_TOKEN_MISSING: ['unauthorized', 'No SOAJS access token was given'],
  SOAJS_TOKEN_INVALID: ['unauthorized', 'The SOAJS access token is unknown, revoked or of another tenant'],
  SOAJS_TOKEN_EXPIRED: ['unauthorized', 'The SOAJS access token has expired'],
  SOAJS_USER_EXISTS: ['conflict', 'A user with this username or email already exists'],
  SOAJS_USER_NOT_FOUND: ['not_found', 'No such user in this tenant'],
  SOAJS_SAVE_REFUSED: ['conflict', 'The change was refused: a pin is already used in the tenant, or a value cannot be stored'],
  SOAJS_PASSWORD_MISMATCH: ['validation', 'The password and its confirmation differ'],
  SOAJS_USERNAME_TAKEN: ['conflict', 'Another user already has this username'],
  SOAJS_INVALID_USER_ID: ['validation', 'A user id is a 24-digit hexadecimal ObjectId'],
  SOAJS_USER_NOT_ADDED: ['conflict', 'The user could not be stored (a value cannot be saved)'],
  SOAJS_GROUP_NOT_FOUND: ['not_found', 'No such group in this tenant'],
  SOAJS_GROUP_NOT_ADDED: ['conflict', 'The group could not be stored (a value cannot be saved)'],
  SOAJS_INVALID_GROUP_ID: ['validation', 'A group id is a 24-digit hexadecimal ObjectId'],
  SOAJS_GROUP_NOT_EDITED: ['conflict', 'The group change could not be stored (a value cannot be saved)'],
  SOAJS_GROUP_CODE_TAKEN: ['conflict', 'Another group of the tenant already has this code'],
  SOAJS_PENDING_WITH_PASSWORD: ['validation', 'A pending (pendingNew) user has no password, and any other status needs one'],
  SOAJS_LOCKED: ['forbidden', 'The record is locked (root): only the root tenant changes it, and nobody deletes it'],
} as const satisfies Record<SoajsErrorCode, readonly [DomainErrorKind, string]>;

export type { SoajsErrorCode };

export function soajsError(code: SoajsErrorCode): DomainError {
  const [kind, message] = refusals[code];
  return new DomainError(kind, code, message);
}
