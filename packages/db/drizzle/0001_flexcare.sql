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
CREATE INDEX "flexcare_customers_reseller_idx" ON "flexcare_customers" USING btree ("workspace_id","reseller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flexcare_employees_username_uq" ON "flexcare_employees" USING btree ("workspace_id",lower("username"));--> statement-breakpoint
CREATE INDEX "flexcare_employees_customer_idx" ON "flexcare_employees" USING btree ("workspace_id","customer_id");--> statement-breakpoint
CREATE INDEX "flexcare_languages_name_idx" ON "flexcare_languages" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "flexcare_licenses_profile_idx" ON "flexcare_licenses" USING btree ("workspace_id","profile_id","created_at");--> statement-breakpoint
CREATE INDEX "flexcare_profile_languages_language_idx" ON "flexcare_profile_languages" USING btree ("workspace_id","language_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flexcare_profiles_mdm_key_uq" ON "flexcare_profiles" USING btree ("workspace_id","mdm_key");--> statement-breakpoint
CREATE INDEX "flexcare_profiles_customer_idx" ON "flexcare_profiles" USING btree ("workspace_id","customer_id");--> statement-breakpoint
CREATE INDEX "flexcare_profiles_name_idx" ON "flexcare_profiles" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "flexcare_sessions_employee_idx" ON "flexcare_sessions" USING btree ("workspace_id","employee_id");