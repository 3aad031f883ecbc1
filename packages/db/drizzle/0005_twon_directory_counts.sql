ALTER TABLE "twon_directories" ADD COLUMN "live_entries" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "twon_directories" ADD COLUMN "tombstones" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "twon_directories" AS d SET
  "live_entries" = (SELECT count(*) FROM "twon_entries" e WHERE e."workspace_id" = d."workspace_id" AND e."directory_id" = d."id" AND NOT e."deleted"),
  "tombstones" = (SELECT count(*) FROM "twon_entries" e WHERE e."workspace_id" = d."workspace_id" AND e."directory_id" = d."id" AND e."deleted");
