/** The audit page filtered to one record: its history (also the History tab's "see all" link). */
export function historyHref(entityType: string, entityId: string | number): string {
  return `/audit-log?${new URLSearchParams({ entityType, entityId: String(entityId) })}`;
}

const entityLabels: Record<string, string> = {
  account: 'Account',
  api_token: 'API token',
  workspace: 'Workspace',
  rpdb_account: 'RPdb account',
  rpdb_attribute: 'RPdb attribute',
  rpdb_api_key: 'RPdb API key',
  rpdb_profile: 'RPdb profile',
  flexcare_profile: 'FlexCare profile',
  flexcare_license: 'FlexCare license',
  flexcare_language: 'FlexCare language',
  flexcare_reseller: 'FlexCare reseller',
  flexcare_customer: 'FlexCare customer',
  flexcare_employee: 'FlexCare employee',
  appgate_client_profile: 'Appgate client profile',
  appgate_admin: 'Appgate admin',
  appgate_identity_provider: 'Appgate identity provider',
  appgate_settings: 'Appgate settings',
  twon_directory: '2N directory',
  twon_account: '2N device account',
  soajs_user: 'SOAJS user',
  soajs_group: 'SOAJS group',
  soajs_tenant: 'SOAJS tenant',
  soajs_tenant_key: 'SOAJS tenant key',
  soajs_access_token: 'SOAJS access token',
};

export function entityLabel(entityType: string): string {
  return entityLabels[entityType] ?? entityType;
}

export const entityTypes = Object.keys(entityLabels);

/** Where a record of this kind is shown in the admin, if it has a place of its own. */
export function recordHref(entityType: string, entityId: string | null, name: string | null): string | null {
  if (!entityId) return null;
  const id = encodeURIComponent(entityId);
  switch (entityType) {
    case 'flexcare_profile':
      return `/flexcare/profiles/${id}`;
    case 'appgate_client_profile':
      return `/appgate/client-profiles/${id}`;
    case 'soajs_user':
      return `/soajs/users/${id}`;
    case 'rpdb_profile':
      return name ? `/rpdb/profiles?${new URLSearchParams({ q: name })}` : '/rpdb/profiles';
    case 'account':
      return '/accounts';
    case 'api_token':
      return '/api-tokens';
    case 'twon_directory':
      return '/twon/directories';
    default:
      return null;
  }
}
