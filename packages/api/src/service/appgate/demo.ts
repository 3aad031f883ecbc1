import type { AdminContext } from '../../context';
import type { DemoSeeder } from '../../vendor';
import { createAppgateAdmin } from './admin';
import { createClientProfile, exportClientProfile } from './client-profile';
import { createIdentityProvider } from './identity-provider';
import { updateAppgateSettings } from './settings';

/**
 * Appgate demo data: the controller's Profile Hostname is the API host, an LDAP provider beside `local`,
 * four Profiles and a Group built from two of their exported URLs; an admin with `All` privileges and a
 * viewer with View only (writes answer 403).
 */
async function seed(ctx: AdminContext, env: { apiUrl: string }) {
  await updateAppgateSettings({ ctx, input: { profileHostname: new URL(env.apiUrl).hostname } });
  await createIdentityProvider({ ctx, input: { name: 'corp-ldap', type: 'Ldap', notes: 'Corporate directory', tags: ['corp'] } });
  const profiles = [
    { name: 'Company Employee', identityProviderName: 'local', tags: ['employee', 'default'], notes: 'Everyone on the local database.' },
    { name: 'Contractors', identityProviderName: 'corp-ldap', tags: ['external'], notes: '' },
    {
      name: 'Developers EU',
      identityProviderName: 'corp-ldap',
      tags: ['developer', 'eu'],
      hostname: 'eu.sdp.example.com',
      notes: 'EU gateway.',
    },
    {
      name: 'Developers US',
      identityProviderName: 'corp-ldap',
      tags: ['developer', 'us'],
      hostname: 'us.sdp.example.com',
      notes: 'US gateway.',
    },
  ];
  const created = [];
  for (const p of profiles) created.push(await createClientProfile({ ctx, input: { ...p, type: 'Profile' } }));
  const eu = await exportClientProfile({ ctx, input: { id: created[2]!.id, barcode: false } });
  const us = await exportClientProfile({ ctx, input: { id: created[3]!.id, barcode: false } });
  await createClientProfile({
    ctx,
    input: {
      name: 'Developers (all regions)',
      type: 'Group',
      tags: ['developer'],
      notes: 'Load-balanced between the EU and US profiles.',
      profileUrls: [
        { url: eu.url, weight: 100 },
        { url: us.url, weight: 50 },
      ],
    },
  });
  const admin = await createAppgateAdmin({
    ctx,
    input: { username: 'api-admin', providerName: 'local', privileges: [{ type: 'All', target: 'All' }] },
  });
  const viewer = await createAppgateAdmin({
    ctx,
    input: { username: 'api-viewer', providerName: 'local', privileges: [{ type: 'View', target: 'ClientProfile' }] },
  });
  return {
    url: env.apiUrl,
    providerName: 'local',
    admin: { username: admin.admin.username, password: admin.password },
    viewer: { username: viewer.admin.username, password: viewer.password },
  };
}

export const appgateDemoSeeder: DemoSeeder = { seed };
