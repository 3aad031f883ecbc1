import { appgateDemoSeeder } from '../../service/appgate/demo';
import { defineVendor } from '../../vendor';
import { appgateRouter } from '.';

export const appgateVendor = defineVendor({
  key: 'appgate',
  scopes: ['appgate:read', 'appgate:write'],
  router: appgateRouter,
  seeder: appgateDemoSeeder,
});
