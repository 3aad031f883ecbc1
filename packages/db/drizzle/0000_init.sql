CREATE TABLE "appgate_admins" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_name" text NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"privileges" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appgate_client_profiles" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"type" text DEFAULT 'Profile' NOT NULL,
	"spa_key_name" text,
	"identity_provider_name" text,
	"hostname" text,
	"profile_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exported" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appgate_client_profiles_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "appgate_identity_providers" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appgate_identity_providers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "appgate_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"profile_hostname" text,
	"ca_fingerprint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appgate_tokens" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"admin_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"device_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appgate_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"workspace_id" uuid NOT NULL,
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_sequences" (
	"workspace_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_sequences_workspace_id_scope_pk" PRIMARY KEY("workspace_id","scope")
);
--> statement-breakpoint
CREATE TABLE "flexcare_customers" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"reseller_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flexcare_customers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "flexcare_employees" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"customer_id" text NOT NULL,
	"username" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"access_level" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flexcare_employees_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "flexcare_languages" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"native_name" text DEFAULT '' NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"country" text DEFAULT '' NOT NULL,
	"keyboard_country" text DEFAULT '' NOT NULL,
	"keyboard_lang" text DEFAULT '' NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"speak" text DEFAULT '' NOT NULL,
	"translation" text DEFAULT 'nllb' NOT NULL,
	"verify" boolean DEFAULT false NOT NULL,
	"voice" text DEFAULT '' NOT NULL,
	"keyboard_config_string" text DEFAULT '' NOT NULL,
	"disclaimer" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flexcare_languages_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "flexcare_licenses" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"profile_id" text NOT NULL,
	"expire" timestamp with time zone NOT NULL,
	"authenticated_by" text,
	"auth_code" text,
	"access_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flexcare_licenses_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "flexcare_profile_languages" (
	"workspace_id" uuid NOT NULL,
	"profile_id" text NOT NULL,
	"language_id" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flexcare_profile_languages_workspace_id_profile_id_language_id_pk" PRIMARY KEY("workspace_id","profile_id","language_id")
);
--> statement-breakpoint
CREATE TABLE "flexcare_profiles" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"customer_id" text NOT NULL,
	"name" text NOT NULL,
	"all_languages" boolean DEFAULT false NOT NULL,
	"ip_list" text[] DEFAULT '{}'::text[] NOT NULL,
	"mdm_key" text NOT NULL,
	"large_keyboard_layout" text DEFAULT '' NOT NULL,
	"small_keyboard_layout" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flexcare_profiles_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "flexcare_resellers" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flexcare_resellers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "flexcare_sessions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"lifetime_minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flexcare_sessions_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'viewer' NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_sessions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_sessions_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
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
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "appgate_admins" ADD CONSTRAINT "appgate_admins_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appgate_client_profiles" ADD CONSTRAINT "appgate_client_profiles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appgate_identity_providers" ADD CONSTRAINT "appgate_identity_providers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appgate_settings" ADD CONSTRAINT "appgate_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appgate_tokens" ADD CONSTRAINT "appgate_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appgate_tokens" ADD CONSTRAINT "appgate_tokens_admin_id_appgate_admins_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."appgate_admins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_customers" ADD CONSTRAINT "flexcare_customers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_customers" ADD CONSTRAINT "flexcare_customers_workspace_id_reseller_id_flexcare_resellers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","reseller_id") REFERENCES "public"."flexcare_resellers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_employees" ADD CONSTRAINT "flexcare_employees_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_employees" ADD CONSTRAINT "flexcare_employees_workspace_id_customer_id_flexcare_customers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."flexcare_customers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_languages" ADD CONSTRAINT "flexcare_languages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_licenses" ADD CONSTRAINT "flexcare_licenses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_licenses" ADD CONSTRAINT "flexcare_licenses_workspace_id_profile_id_flexcare_profiles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","profile_id") REFERENCES "public"."flexcare_profiles"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_profile_languages" ADD CONSTRAINT "flexcare_profile_languages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_profile_languages" ADD CONSTRAINT "flexcare_profile_languages_workspace_id_profile_id_flexcare_profiles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","profile_id") REFERENCES "public"."flexcare_profiles"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_profile_languages" ADD CONSTRAINT "flexcare_profile_languages_workspace_id_language_id_flexcare_languages_workspace_id_id_fk" FOREIGN KEY ("workspace_id","language_id") REFERENCES "public"."flexcare_languages"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_profiles" ADD CONSTRAINT "flexcare_profiles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_profiles" ADD CONSTRAINT "flexcare_profiles_workspace_id_customer_id_flexcare_customers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."flexcare_customers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_resellers" ADD CONSTRAINT "flexcare_resellers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_sessions" ADD CONSTRAINT "flexcare_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flexcare_sessions" ADD CONSTRAINT "flexcare_sessions_workspace_id_employee_id_flexcare_employees_workspace_id_id_fk" FOREIGN KEY ("workspace_id","employee_id") REFERENCES "public"."flexcare_employees"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_sessions" ADD CONSTRAINT "admin_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_sessions" ADD CONSTRAINT "admin_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_accounts" ADD CONSTRAINT "rpdb_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_api_key_rights" ADD CONSTRAINT "rpdb_api_key_rights_workspace_id_api_key_id_rpdb_api_keys_workspace_id_id_fk" FOREIGN KEY ("workspace_id","api_key_id") REFERENCES "public"."rpdb_api_keys"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_api_key_rights" ADD CONSTRAINT "rpdb_api_key_rights_workspace_id_attribute_id_rpdb_attributes_workspace_id_id_fk" FOREIGN KEY ("workspace_id","attribute_id") REFERENCES "public"."rpdb_attributes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_api_keys" ADD CONSTRAINT "rpdb_api_keys_workspace_id_account_id_rpdb_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."rpdb_accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_attributes" ADD CONSTRAINT "rpdb_attributes_workspace_id_account_id_rpdb_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."rpdb_accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_profile_attributes" ADD CONSTRAINT "rpdb_profile_attributes_workspace_id_profile_id_rpdb_profiles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","profile_id") REFERENCES "public"."rpdb_profiles"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_profile_attributes" ADD CONSTRAINT "rpdb_profile_attributes_workspace_id_attribute_id_rpdb_attributes_workspace_id_id_fk" FOREIGN KEY ("workspace_id","attribute_id") REFERENCES "public"."rpdb_attributes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpdb_profiles" ADD CONSTRAINT "rpdb_profiles_workspace_id_account_id_rpdb_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."rpdb_accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_access_tokens" ADD CONSTRAINT "soajs_access_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_groups" ADD CONSTRAINT "soajs_groups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_tenant_keys" ADD CONSTRAINT "soajs_tenant_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_tenants" ADD CONSTRAINT "soajs_tenants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_user_pins" ADD CONSTRAINT "soajs_user_pins_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soajs_users" ADD CONSTRAINT "soajs_users_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twon_accounts" ADD CONSTRAINT "twon_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twon_accounts" ADD CONSTRAINT "twon_accounts_directory_id_twon_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."twon_directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twon_directories" ADD CONSTRAINT "twon_directories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twon_entries" ADD CONSTRAINT "twon_entries_directory_id_twon_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."twon_directories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appgate_admins_workspace_login_uq" ON "appgate_admins" USING btree ("workspace_id","provider_name",lower("username"));--> statement-breakpoint
CREATE INDEX "appgate_admins_login_idx" ON "appgate_admins" USING btree ("provider_name",lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "appgate_client_profiles_workspace_name_uq" ON "appgate_client_profiles" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "appgate_identity_providers_workspace_name_uq" ON "appgate_identity_providers" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "appgate_tokens_workspace_admin_idx" ON "appgate_tokens" USING btree ("workspace_id","admin_id");--> statement-breakpoint
CREATE INDEX "audit_log_workspace_id_idx" ON "audit_log" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_workspace_entity_idx" ON "audit_log" USING btree ("workspace_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "flexcare_customers_reseller_idx" ON "flexcare_customers" USING btree ("workspace_id","reseller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flexcare_employees_username_uq" ON "flexcare_employees" USING btree ("workspace_id",lower("username"));--> statement-breakpoint
CREATE INDEX "flexcare_employees_login_idx" ON "flexcare_employees" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "flexcare_employees_customer_idx" ON "flexcare_employees" USING btree ("workspace_id","customer_id");--> statement-breakpoint
CREATE INDEX "flexcare_languages_name_idx" ON "flexcare_languages" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "flexcare_licenses_profile_idx" ON "flexcare_licenses" USING btree ("workspace_id","profile_id","created_at");--> statement-breakpoint
CREATE INDEX "flexcare_profile_languages_language_idx" ON "flexcare_profile_languages" USING btree ("workspace_id","language_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flexcare_profiles_mdm_key_uq" ON "flexcare_profiles" USING btree ("workspace_id","mdm_key");--> statement-breakpoint
CREATE INDEX "flexcare_profiles_customer_idx" ON "flexcare_profiles" USING btree ("workspace_id","customer_id");--> statement-breakpoint
CREATE INDEX "flexcare_profiles_name_idx" ON "flexcare_profiles" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "flexcare_sessions_employee_idx" ON "flexcare_sessions" USING btree ("workspace_id","employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_workspace_username_uq" ON "accounts" USING btree ("workspace_id",lower("username"));--> statement-breakpoint
CREATE INDEX "admin_sessions_workspace_account_idx" ON "admin_sessions" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "api_tokens_workspace_created_idx" ON "api_tokens" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rpdb_accounts_name_uq" ON "rpdb_accounts" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "rpdb_api_key_rights_attribute_idx" ON "rpdb_api_key_rights" USING btree ("workspace_id","attribute_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rpdb_api_keys_hash_uq" ON "rpdb_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "rpdb_api_keys_account_idx" ON "rpdb_api_keys" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rpdb_attributes_name_uq" ON "rpdb_attributes" USING btree ("workspace_id","account_id","name");--> statement-breakpoint
CREATE INDEX "rpdb_profile_attributes_attribute_idx" ON "rpdb_profile_attributes" USING btree ("workspace_id","attribute_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rpdb_profiles_name_uq" ON "rpdb_profiles" USING btree ("workspace_id","account_id","name");--> statement-breakpoint
CREATE INDEX "rpdb_profiles_order_idx" ON "rpdb_profiles" USING btree ("workspace_id","account_id","sort_order","id");--> statement-breakpoint
CREATE INDEX "soajs_access_tokens_workspace_tenant_idx" ON "soajs_access_tokens" USING btree ("workspace_id","tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "soajs_groups_workspace_tenant_code_uq" ON "soajs_groups" USING btree ("workspace_id","tenant_id","code");--> statement-breakpoint
CREATE INDEX "soajs_tenant_keys_workspace_tenant_idx" ON "soajs_tenant_keys" USING btree ("workspace_id","tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "soajs_tenants_workspace_code_uq" ON "soajs_tenants" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE INDEX "soajs_user_pins_workspace_user_idx" ON "soajs_user_pins" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "soajs_users_workspace_username_uq" ON "soajs_users" USING btree ("workspace_id",lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "soajs_users_workspace_email_uq" ON "soajs_users" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE INDEX "soajs_users_workspace_tenant_idx" ON "soajs_users" USING btree ("workspace_id","tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "twon_accounts_username_uq" ON "twon_accounts" USING btree ("username");--> statement-breakpoint
CREATE INDEX "twon_accounts_workspace_directory_idx" ON "twon_accounts" USING btree ("workspace_id","directory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "twon_directories_workspace_name_uq" ON "twon_directories" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "twon_entries_workspace_directory_ts_idx" ON "twon_entries" USING btree ("workspace_id","directory_id","ts");--> statement-breakpoint
CREATE INDEX "twon_entries_workspace_directory_owner_idx" ON "twon_entries" USING btree ("workspace_id","directory_id","owner") WHERE not "twon_entries"."deleted";