import { accountRoles } from '@profilehub/db/enums';
import { z } from 'zod';
import type { Scope } from '../auth/scope';
import { scopes } from '../scopes';

export const LoginInput = z.strictObject({
  workspace: z.string().trim().min(1).max(64),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof LoginInput>;

const WorkspaceSummary = z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() });

export const LoginOutput = z.object({
  expiresAt: z.date(),
  account: z.object({ id: z.string().uuid(), username: z.string(), role: z.enum(accountRoles) }),
  workspace: WorkspaceSummary,
});

export const MeOutput = z.object({
  actorType: z.enum(['account', 'api_token', 'vendor']),
  label: z.string(),
  scopes: z.array(z.string()),
  account: z.object({ id: z.string().uuid(), username: z.string(), displayName: z.string(), role: z.enum(accountRoles) }).nullable(),
  workspace: WorkspaceSummary,
});

const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
const Password = z.string().min(12, 'at least 12 characters').max(1024);

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

export const ApiTokenScope = z.enum(scopes as [Scope, ...Scope[]]);

export const ApiToken = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  accountId: z.string().uuid(),
  accountUsername: z.string(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreateInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(ApiTokenScope).min(1).max(64),
  /** Days until expiry; omit for a token that does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type ApiTokenCreateInput = z.infer<typeof ApiTokenCreateInput>;

export const ApiTokenCreateOutput = z.object({ token: z.string(), apiToken: ApiToken });

export const ApiTokenRevokeInput = z.strictObject({ id: z.string().uuid() });

export const AuditLogListInput = z.strictObject({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.number().int().positive().nullish(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actorId: z.string().max(200).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});
export type AuditLogListInput = z.input<typeof AuditLogListInput>;

export const AuditLogEntry = z.object({
  id: z.number(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  createdAt: z.date(),
});

export const AuditLogListOutput = z.object({ items: z.array(AuditLogEntry), nextCursor: z.number().nullable() });
