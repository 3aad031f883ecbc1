CREATE TABLE "soajs_access_tokens" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soajs_access_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "soajs_groups" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"tenant_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"config" jsonb,
	"locked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soajs_groups_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "soajs_tenant_keys" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soajs_tenant_keys_keyHash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "soajs_tenants" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soajs_tenants_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "soajs_user_pins" (
	"workspace_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"pin_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soajs_user_pins_workspace_id_tenant_id_pin_hash_pk" PRIMARY KEY("workspace_id","tenant_id","pin_hash")
);
--> statement-breakpoint
CREATE TABLE "soajs_users" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"username" text NOT NULL,
	"password_hash" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'pendingNew' NOT NULL,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tenant_id" text NOT NULL,
	"tenant_code" text NOT NULL,
	"tenant_pin" jsonb,
	"locked" boolean DEFAULT false NOT NULL,
	"ts" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soajs_users_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "soajs_users_config_size" CHECK (octet_length("soajs_users"."config"::text) <= 262144)
);
--> statement-breakpoint
ALTER TABLE "soajs_access_tokens" ADD CONSTRAINT "soajs_access_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_groups" ADD CONSTRAINT "soajs_groups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_tenant_keys" ADD CONSTRAINT "soajs_tenant_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_tenants" ADD CONSTRAINT "soajs_tenants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_user_pins" ADD CONSTRAINT "soajs_user_pins_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_users" ADD CONSTRAINT "soajs_users_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "soajs_access_tokens_workspace_tenant_idx" ON "soajs_access_tokens" USING btree ("workspace_id","tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "soajs_groups_workspace_tenant_code_uq" ON "soajs_groups" USING btree ("workspace_id","tenant_id","code");--> statement-breakpoint
CREATE INDEX "soajs_tenant_keys_workspace_tenant_idx" ON "soajs_tenant_keys" USING btree ("workspace_id","tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "soajs_tenants_workspace_code_uq" ON "soajs_tenants" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE INDEX "soajs_user_pins_workspace_user_idx" ON "soajs_user_pins" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "soajs_users_workspace_username_uq" ON "soajs_users" USING btree ("workspace_id",lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "soajs_users_workspace_email_uq" ON "soajs_users" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE INDEX "soajs_users_workspace_tenant_idx" ON "soajs_users" USING btree ("workspace_id","tenant_id");