import { accountRoles } from '@profilehub/db/enums';
import { z } from 'zod';
import { PageInput, PageOutput } from './page';

// Sign-in, accounts and the plain fields of an API token: schemas without the server's vendor registry, so the
// admin's forms in the browser validate with them too (contract/identity.ts re-exports them).

const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
const Password = z.string().min(12, 'at least 12 characters').max(1024);

/** Signing in to the admin: the API's input and the sign-in form's schema. */
export const LoginInput = z.strictObject({
  workspace: z.string().trim().min(1, 'required').max(64),
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(1024),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const AccountRole = z.enum(accountRoles);

export const Account = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: AccountRole,
  disabledAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Account = z.infer<typeof Account>;

export const AccountPageInput = PageInput(['username', 'displayName', 'role', 'status', 'createdAt']);
export type AccountPageInput = z.output<typeof AccountPageInput>;
export const AccountPage = PageOutput(Account);

export const AccountCreateInput = z.strictObject({
  username: Username,
  displayName: z.string().trim().max(120).default(''),
  role: AccountRole.default('viewer'),
  /** Omit to have a random password generated and returned once. */
  password: Password.optional(),
});
export type AccountCreateInput = z.input<typeof AccountCreateInput>;

export const AccountCreateOutput = z.object({ account: Account, password: z.string().nullable() });

export const AccountUpdateInput = z.strictObject({
  id: z.string().uuid(),
  displayName: z.string().trim().max(120).optional(),
  role: AccountRole.optional(),
  password: Password.optional(),
});
export type AccountUpdateInput = z.infer<typeof AccountUpdateInput>;

export const AccountSetDisabledInput = z.strictObject({ id: z.string().uuid(), disabled: z.boolean() });
export type AccountSetDisabledInput = z.infer<typeof AccountSetDisabledInput>;

/** A new API token's fields besides its scopes (whose enum comes from the vendor registry, see identity.ts). */
export const ApiTokenCreateFields = {
  name: z.string().trim().min(1).max(80),
  /** Days until expiry; omit for a token that does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
};
