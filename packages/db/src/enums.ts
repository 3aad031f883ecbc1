// Value lists shared by the schema (column enums) and the API contracts. No imports: the admin UI's browser
// bundle reaches these through the contracts without pulling in a database driver.

export const accountRoles = ['owner', 'admin', 'viewer'] as const;

export const rpdbRights = ['all', 'write', 'read', 'none'] as const;

export const appgateIdentityProviderTypes = ['LocalDatabase', 'Ldap', 'Radius', 'Saml', 'Oidc'] as const;

export const appgatePrivilegeTypes = ['All', 'View', 'Create', 'Edit', 'Delete', 'Export'] as const;

export const appgatePrivilegeTargets = ['All', 'ClientProfile'] as const;

export const appgateClientProfileTypes = ['Profile', 'Group'] as const;

export const flexcareAccessLevels = ['NO_LOGIN', 'PERSONAL', 'VIEWER', 'MANAGER', 'OWNER', 'RESELLER', 'RESELLER_ADMIN', 'ADMIN'] as const;

export const flexcareLicenseAuthMethods = ['MDMKEY', 'IP', 'AUTHCODE'] as const;

export const flexcareTranslationEngines = ['ollama', 'nllb'] as const;

export const soajsUserStatuses = ['active', 'inactive', 'pendingNew'] as const;
