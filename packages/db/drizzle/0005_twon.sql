CREATE TABLE "twon_accounts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"directory_id" uuid NOT NULL,
	"username" text NOT NULL,
	"access" text DEFAULT 'read' NOT NULL,
	"password_hash" text NOT NULL,
	"digest_ha1" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "twon_directories" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"model" text NOT NULL,
	"series" text NOT NULL,
	"capacity" integer DEFAULT 10000 NOT NULL,
	"auth_mode" text DEFAULT 'any' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "twon_entries" (
	"workspace_id" uuid NOT NULL,
	"directory_id" uuid NOT NULL,
	"uuid" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"data" jsonb NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"ts" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "twon_entries_workspace_id_directory_id_uuid_pk" PRIMARY KEY("workspace_id","directory_id","uuid")
);
--> statement-breakpoint
ALTER TABLE "twon_accounts" ADD CONSTRAINT "twon_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twon_accounts" ADD CONSTRAINT "twon_accounts_directory_id_twon_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."twon_directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twon_directories" ADD CONSTRAINT "twon_directories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twon_entries" ADD CONSTRAINT "twon_entries_directory_id_twon_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."twon_directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "twon_accounts_username_uq" ON "twon_accounts" USING btree ("username");--> statement-breakpoint
CREATE INDEX "twon_accounts_workspace_directory_idx" ON "twon_accounts" USING btree ("workspace_id","directory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "twon_directories_workspace_name_uq" ON "twon_directories" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "twon_entries_workspace_directory_ts_idx" ON "twon_entries" USING btree ("workspace_id","directory_id","ts");--> statement-breakpoint
CREATE INDEX "twon_entries_workspace_directory_owner_idx" ON "twon_entries" USING btree ("workspace_id","directory_id","owner") WHERE not "twon_entries"."deleted";