import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

// No foreign keys on purpose: the audit trail outlives the rows it describes.
export const auditLog = pgTable(
  'audit_log',
  {
    workspaceId: uuid().notNull(),
    id: bigserial({ mode: 'number' }).primaryKey(),
    actorType: text({ enum: ['account', 'api_token', 'vendor', 'system'] }).notNull(),
    actorId: text(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    ...timestamps,
  },
  (t) => [
    index('audit_log_workspace_id_idx').on(t.workspaceId, t.id),
    index('audit_log_workspace_entity_idx').on(t.workspaceId, t.entityType, t.entityId),
  ],
);

// Per-scope monotonic change sequence (a scope is e.g. "2n:<directory id>"); advanced inside the
// mutation's transaction, so a rolled-back change never consumes a value that readers could see.
export const changeSequences = pgTable(
  'change_sequences',
  {
    workspaceId: uuid().notNull(),
    scope: text().notNull(),
    value: bigint({ mode: 'number' }).notNull().default(0),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.scope] })],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
