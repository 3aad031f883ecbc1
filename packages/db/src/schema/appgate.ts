import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appgateClientProfileTypes, appgateIdentityProviderTypes, appgatePrivilegeTargets, appgatePrivilegeTypes } from '../enums';
import { timestamps, workspaceRef } from './columns';
import { workspaces } from './workspaces';

// Appgate SDP controller emulation (seed 002). One workspace = one controller: its identity providers,
// global settings, admin users with privileges, admin tokens and client profiles.

export type AppgateIdentityProviderType = (typeof appgateIdentityProviderTypes)[number];

export const appgateIdentityProviders = pgTable(
  'appgate_identity_providers',
  {
    workspaceId: workspaceRef(),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    type: text({ enum: appgateIdentityProviderTypes }).notNull(),
    notes: text().notNull().default(''),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('appgate_identity_providers_workspace_name_uq').on(t.workspaceId, t.name),
  ],
);

// The controller's global settings: the Profile Hostname client-profile URLs use, and the fingerprint of
// the CA clients pin (generated once per workspace; we hold no real CA).
export const appgateSettings = pgTable('appgate_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  profileHostname: text(),
  caFingerprint: text().notNull(),
  ...timestamps,
});

export type AppgatePrivilegeType = (typeof appgatePrivilegeTypes)[number];
export type AppgatePrivilegeTarget = (typeof appgatePrivilegeTargets)[number];
export type AppgatePrivilege = { type: AppgatePrivilegeType; target: AppgatePrivilegeTarget };

export const appgateAdmins = pgTable(
  'appgate_admins',
  {
    workspaceId: workspaceRef(),
    id: uuid().primaryKey().defaultRandom(),
    providerName: text().notNull(),
    username: text().notNull(),
    // scrypt, same format as accounts.password_hash
    passwordHash: text().notNull(),
    privileges: jsonb().$type<AppgatePrivilege[]>().notNull().default([]),
    disabledAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('appgate_admins_workspace_login_uq').on(t.workspaceId, t.providerName, sql`lower(${t.username})`),
    // `POST /admin/login` carries no workspace: candidates are found by provider + username first.
    index('appgate_admins_login_idx').on(t.providerName, sql`lower(${t.username})`),
  ],
);

// Admin tokens from `POST /admin/login`; only the SHA-256 of the token is stored.
export const appgateTokens = pgTable(
  'appgate_tokens',
  {
    workspaceId: workspaceRef(),
    id: uuid().primaryKey().defaultRandom(),
    adminId: uuid()
      .notNull()
      .references(() => appgateAdmins.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    deviceId: uuid().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [index('appgate_tokens_workspace_admin_idx').on(t.workspaceId, t.adminId)],
);

export type AppgateClientProfileType = (typeof appgateClientProfileTypes)[number];

/** A Group's member; `url` is write-only on the wire, hostname/profileName are parsed from it. */
export type AppgateProfileUrl = { id: string; url: string; hostname: string; profileName: string | null; weight: number };

export const appgateClientProfiles = pgTable(
  'appgate_client_profiles',
  {
    workspaceId: workspaceRef(),
    // Clients may choose the id on create, so it is only unique within its workspace.
    id: uuid().notNull(),
    name: text().notNull(),
    notes: text().notNull().default(''),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    type: text({ enum: appgateClientProfileTypes }).notNull().default('Profile'),
    spaKeyName: text(),
    identityProviderName: text(),
    hostname: text(),
    profileUrls: jsonb().$type<AppgateProfileUrl[]>().notNull().default([]),
    exported: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Names are unique and case-sensitive (terraform-provider-appgatesdp notes).
    uniqueIndex('appgate_client_profiles_workspace_name_uq').on(t.workspaceId, t.name),
    // The list sorts text case-insensitively (lower(name)); the admin's table also by provider and update time.
    index('appgate_client_profiles_workspace_lower_name_idx').on(t.workspaceId, sql`lower(${t.name})`),
    index('appgate_client_profiles_workspace_idp_idx').on(t.workspaceId, sql`lower(${t.identityProviderName})`),
    index('appgate_client_profiles_workspace_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
);

export type AppgateClientProfileRow = typeof appgateClientProfiles.$inferSelect;
export type AppgateAdminRow = typeof appgateAdmins.$inferSelect;
export type AppgateIdentityProviderRow = typeof appgateIdentityProviders.$inferSelect;
export type AppgateSettingsRow = typeof appgateSettings.$inferSelect;

export { appgateClientProfileTypes, appgateIdentityProviderTypes, appgatePrivilegeTargets, appgatePrivilegeTypes };
