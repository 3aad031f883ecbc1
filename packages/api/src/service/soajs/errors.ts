import { DomainError, type DomainErrorKind } from '../../errors';

// URAC's own refusals, named for what went wrong. The SOAJS envelope (packages/rest) answers each with
// URAC's error code and message; an admin sees the message below, URAC's wording as its console shows it.
const refusals = {
  SOAJS_KEY_INVALID: ['forbidden', 'A valid key is needed to access any API.'],
  SOAJS_TOKEN_MISSING: ['unauthorized', 'The access token was not found'],
  SOAJS_TOKEN_INVALID: ['unauthorized', 'The access token provided is invalid.'],
  SOAJS_TOKEN_EXPIRED: ['unauthorized', 'The access token provided has expired.'],
  SOAJS_USER_EXISTS: ['conflict', 'User account already exists.'],
  SOAJS_USER_NOT_FOUND: ['not_found', 'Unable to find User. Please try again.'],
  SOAJS_SAVE_REFUSED: ['conflict', 'Problem validating Request. Please try again.'],
  SOAJS_PASSWORD_MISMATCH: ['validation', 'The password and its confirmation do not match'],
  SOAJS_USERNAME_TAKEN: ['conflict', 'username taken, please choose another username'],
  SOAJS_INVALID_USER_ID: ['validation', 'invalid user id provided'],
  SOAJS_USER_NOT_ADDED: ['conflict', 'Unable to add user.'],
  SOAJS_GROUP_NOT_FOUND: ['not_found', 'Unable to find group.'],
  SOAJS_GROUP_NOT_ADDED: ['conflict', 'Unable to create Group.'],
  SOAJS_INVALID_GROUP_ID: ['validation', 'Invalid group id provided'],
  SOAJS_GROUP_NOT_EDITED: ['conflict', 'Unable to edit Group.'],
  SOAJS_GROUP_CODE_TAKEN: ['conflict', 'Group code already exists. Choose another'],
  SOAJS_PENDING_WITH_PASSWORD: [
    'validation',
    'Invalid Request, cannot add a pending user account and provide a password at the same time.',
  ],
  SOAJS_LOCKED: ['forbidden', 'This record in locked. You cannot modify or delete it'],
} as const satisfies Record<string, readonly [DomainErrorKind, string]>;

export type SoajsErrorCode = keyof typeof refusals;

export function soajsError(code: SoajsErrorCode): DomainError {
  const [kind, message] = refusals[code];
  return new DomainError(kind, code, message);
}
