import { z } from 'zod';
import { AuditLogEntry } from './identity';
import { PageInputFields, PageOutput } from './page';

/**
 * The audit page and a record's History tab: `q` matches action, entity, actor and the before/after
 * values; `actor` matches the actor's label; `entityType`/`entityId` pick one record's history.
 */
export const AuditLogPageInput = z.strictObject({
  ...PageInputFields,
  desc: z.boolean().default(true),
  actor: z.string().trim().max(200).default(''),
  entityType: z.string().trim().max(100).default(''),
  entityId: z.string().trim().max(200).default(''),
  from: z.date().optional(),
  to: z.date().optional(),
});
export type AuditLogPageInput = z.input<typeof AuditLogPageInput>;

/** `entityName`: the record's name (or username) as the row recorded it, for people to read. */
export const AuditLogRow = AuditLogEntry.extend({ entityName: z.string().nullable() });
export type AuditLogRow = z.infer<typeof AuditLogRow>;
export const AuditLogPage = PageOutput(AuditLogRow);

/** Resume point of the change feed: the id of the last change the client saw (SSE Last-Event-ID). */
export const ChangeFeedInput = z
  .strictObject({
    lastEventId: z
      .string()
      .regex(/^\d{1,18}$/)
      .nullish(),
  })
  .optional();

export const ChangeEvent = z.object({
  id: z.number(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  actorLabel: z.string(),
  createdAt: z.date(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;
