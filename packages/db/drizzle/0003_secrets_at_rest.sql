CREATE TABLE "server_secret" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"check" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "server_secret_one_row" CHECK ("server_secret"."id" = 1)
);
--> statement-breakpoint
DROP INDEX "flexcare_profiles_mdm_key_uq";--> statement-breakpoint
ALTER TABLE "twon_accounts" ALTER COLUMN "digest_ha1" DROP NOT NULL;