import { accountRoles } from '@profilehub/db/enums';
import { z } from 'zod';
import type { Scope } from '../auth/scope';
import { scopes } from '../scopes';
import { ApiTokenCreateFields } from './account';
import { PageInput, PageOutput } from './page';

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

// LoginInput and the account schemas live in ./account (no vendor registry there, so the browser imports them).
export * from './account';

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

export const ApiTokenPageInput = PageInput(['createdAt', 'name', 'account', 'lastUsedAt', 'expiresAt', 'status']);
export type ApiTokenPageInput = z.output<typeof ApiTokenPageInput>;
export const ApiTokenPage = PageOutput(ApiToken);

export const ApiTokenCreateInput = z.strictObject({
  ...ApiTokenCreateFields,
  scopes: z.array(ApiTokenScope).min(1).max(64),
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
