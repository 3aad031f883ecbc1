CREATE TABLE "rpdb_accounts" (
	"workspace_id" uuid NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "rpdb_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rpdb_accounts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "rpdb_api_key_rights" (
	"workspace_id" uuid NOT NULL,
	"api_key_id" integer NOT NULL,
	"attribute_id" integer NOT NULL,
	"right" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rpdb_api_key_rights_workspace_id_api_key_id_attribute_id_pk" PRIMARY KEY("workspace_id","api_key_id","attribute_id")
);
--> statement-breakpoint
CREATE TABLE "rpdb_api_keys" (
	"workspace_id" uuid NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "rpdb_api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"last_authorized_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rpdb_api_keys_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "rpdb_attributes" (
	"workspace_id" uuid NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "rpdb_attributes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"default_right" text DEFAULT 'all' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rpdb_attributes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "rpdb_profile_attributes" (
	"workspace_id" uuid NOT NULL,
	"profile_id" integer NOT NULL,
	"attribute_id" integer NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rpdb_profile_attributes_workspace_id_profile_id_attribute_id_pk" PRIMARY KEY("workspace_id","profile_id","attribute_id")
);
--> statement-breakpoint
CREATE TABLE "rpdb_profiles" (
	"workspace_id" uuid NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "rpdb_profiles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rpdb_profiles_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "rpdb_accounts" ADD CONSTRAINT "rpdb_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_api_key_rights" ADD CONSTRAINT "rpdb_api_key_rights_workspace_id_api_key_id_rpdb_api_keys_workspace_id_id_fk" FOREIGN KEY ("workspace_id","api_key_id") REFERENCES "public"."rpdb_api_keys"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_api_key_rights" ADD CONSTRAINT "rpdb_api_key_rights_workspace_id_attribute_id_rpdb_attributes_workspace_id_id_fk" FOREIGN KEY ("workspace_id","attribute_id") REFERENCES "public"."rpdb_attributes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_api_keys" ADD CONSTRAINT "rpdb_api_keys_workspace_id_account_id_rpdb_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."rpdb_accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_attributes" ADD CONSTRAINT "rpdb_attributes_workspace_id_account_id_rpdb_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."rpdb_accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_profile_attributes" ADD CONSTRAINT "rpdb_profile_attributes_workspace_id_profile_id_rpdb_profiles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","profile_id") REFERENCES "public"."rpdb_profiles"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_profile_attributes" ADD CONSTRAINT "rpdb_profile_attributes_workspace_id_attribute_id_rpdb_attributes_workspace_id_id_fk" FOREIGN KEY ("workspace_id","attribute_id") REFERENCES "public"."rpdb_attributes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_profiles" ADD CONSTRAINT "rpdb_profiles_workspace_id_account_id_rpdb_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."rpdb_accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rpdb_accounts_name_uq" ON "rpdb_accounts" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "rpdb_api_key_rights_attribute_idx" ON "rpdb_api_key_rights" USING btree ("workspace_id","attribute_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rpdb_api_keys_hash_uq" ON "rpdb_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "rpdb_api_keys_account_idx" ON "rpdb_api_keys" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rpdb_attributes_name_uq" ON "rpdb_attributes" USING btree ("workspace_id","account_id","name");--> statement-breakpoint
CREATE INDEX "rpdb_profile_attributes_attribute_idx" ON "rpdb_profile_attributes" USING btree ("workspace_id","attribute_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rpdb_profiles_name_uq" ON "rpdb_profiles" USING btree ("workspace_id","account_id","name");--> statement-breakpoint
CREATE INDEX "rpdb_profiles_order_idx" ON "rpdb_profiles" USING btree ("workspace_id","account_id","sort_order","id");