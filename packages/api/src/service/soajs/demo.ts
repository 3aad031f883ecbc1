import type { AdminContext } from '../../context';
import type { DemoSeedEnv, DemoSeeder } from '../../vendor';
import { editUserConfig } from './edit-user';
import { addGroup } from './groups';
import { createAccessToken, createTenant, createTenantKey } from './tenants';
import { addUser, setUserLocked } from './users';

/**
 * Demo SOAJS data: a locked root tenant (DBTN) with its root user, a client tenant with groups and
 * ordinary users (one with an allowedTenants config and a pin), a key per tenant and a root-issued token.
 */
export async function seedSoajsDemo(ctx: AdminContext, env: DemoSeedEnv) {
  const root = await createTenant({
    ctx,
    input: { code: 'DBTN', name: 'Dashboard Owner Tenant', description: 'Root tenant', locked: true },
  });
  const client = await createTenant({ ctx, input: { code: 'TNT1', name: 'Client Tenant', description: 'An ordinary tenant' } });
  const { key: rootKey } = await createTenantKey({ ctx, input: { tenantId: root.id, label: 'demo root key' } });
  const { key } = await createTenantKey({ ctx, input: { tenantId: client.id, label: 'demo key' } });
  const { accessToken } = await createAccessToken({ ctx, input: { tenantId: root.id, label: 'demo token' } });

  await addGroup({ ctx, input: { tenantId: root.id, code: 'owner', name: 'Owner', description: 'Root administrators' } });
  await addGroup({ ctx, input: { tenantId: client.id, code: 'waiter', name: 'Waiter', description: 'Front of house' } });
  await addGroup({ ctx, input: { tenantId: client.id, code: 'manager', name: 'Manager', description: 'Shift managers' } });

  const password = 'demo-password-1';
  const { id: lockedUserId } = await addUser({
    ctx,
    input: {
      tenantId: root.id,
      username: 'owner',
      firstName: 'Root',
      lastName: 'Owner',
      email: 'owner@soajs.example',
      status: 'active',
      password,
      confirmation: password,
      groups: ['owner'],
    },
  });
  await setUserLocked({ ctx, input: { uId: lockedUserId, locked: true } });
  const { id: userId } = await addUser({
    ctx,
    input: {
      tenantId: client.id,
      username: 'thyme',
      firstName: 'Thyme',
      lastName: 'Waiter',
      email: 'thyme@soajs.example',
      status: 'pendingNew',
      groups: ['waiter'],
      pin: { code: true, allowed: true },
    },
  });
  await addUser({
    ctx,
    input: {
      tenantId: client.id,
      username: 'elvira',
      firstName: 'Elvira',
      lastName: 'Manager',
      email: 'elvira@soajs.example',
      status: 'active',
      password,
      confirmation: password,
      groups: ['manager'],
    },
  });
  await editUserConfig({
    ctx,
    input: {
      tenantId: client.id,
      uId: userId,
      config: {
        packages: { TNT1_MAIN: { acl: { urac: { access: true } } } },
        keys: {},
        allowedTenants: [
          { tenant: { id: client.id, code: client.code, pin: { code: '1235', allowed: true } }, groups: ['waiter'] },
          { tenant: { id: root.id, code: root.code }, groups: ['manager'] },
        ],
      },
    },
  });
  return { url: env.apiUrl, key, accessToken, rootKey, lockedUserId, userId };
}

export const soajsDemoSeeder: DemoSeeder = { seed: seedSoajsDemo };
