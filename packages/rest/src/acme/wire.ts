import { AccountCreateInput } from '@profilehub/api/contract/account';
import { z } from 'zod';
import { type RestError, restError } from '../framework/errors';
import type { InvalidRequest } from '../framework/route-schema';
import type { Caller } from '../framework/surface';

// Acme's wire shapes (snake_case) and their translation to the API contract. Acme is the private sixth
// vendor of docs/adding-a-surface.md: it lives only in the test suite and reuses the core accounts API.

type Account = Awaited<ReturnType<Caller['account']['list']>>[number];

/** A user as Acme's clients read it. */
export const WireUserSchema = z.object({
  id: z.string().describe('The user id (a UUID)'),
  user_name: z.string(),
  display_name: z.string(),
});
export type WireUser = z.infer<typeof WireUserSchema>;

export function toWire(a: Account): WireUser {
  return { id: a.id, user_name: a.username, display_name: a.displayName };
}

/**
 * `POST /acme/v1/users`: Acme rejects unknown fields. `user_name` reuses the contract's rule for a user name
 * (imported from the contract's own module, `@profilehub/api/contract/<name>`), so a bad one fails here and
 * names Acme's field, not later in the procedure under the contract's name.
 */
export const UserCreateBody = z.strictObject({
  user_name: AccountCreateInput.shape.username.describe('2-64 characters: letters, digits and . _ @ -'),
  display_name: z.string().max(120).optional(),
});

/** `?limit=` (1..100, default 100); Acme sends numbers in query strings as text. */
export const UserListQuery = z.looseObject({
  limit: z.coerce.number().int().min(1).max(100).default(100).describe('At most this many users'),
});

/** The envelope every Acme error uses. */
export const AcmeFaultSchema = z.object({
  fault: z.object({
    code: z.number().int().describe('Acme fault number, e.g. 1001 (no key), 1400 (bad field), 1409 (name taken)'),
    reason: z.string(),
    field: z.string().optional().describe('The field that failed, on 1400'),
  }),
});

/** A request part that fails its route schema: Acme names the first failing field, with its own code. */
export const invalidRequest: InvalidRequest = (part, error): RestError => {
  const issue = error.issues[0]!;
  // zod reports an unknown key at the object's own path, naming the key in `keys`.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = path.map(String).join('.') || part;
  return restError('validation', `${field}: ${issue.message}`, {
    code: 'ACME_BAD_FIELD',
    issues: [{ path: field, message: issue.message }],
  });
};
