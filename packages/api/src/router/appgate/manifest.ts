import { appgateDemoSeeder } from '../../service/appgate/demo';
import { resolveAppgateToken } from '../../service/appgate/session';
import { defineVendor } from '../../vendor';
import { appgateRouter } from '.';

export const appgateVendor = defineVendor({
  key: 'appgate',
  scopes: ['appgate:read', 'appgate:write'],
  router: appgateRouter,
  seeder: appgateDemoSeeder,
  authenticate: resolveAppgateToken,
});
