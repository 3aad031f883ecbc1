import { verifyDeviceCredential } from '../../service/twon/auth';
import { twonDemoSeeder } from '../../service/twon/demo';
import { defineVendor } from '../../vendor';
import { twonRouter } from '.';

export const twonVendor = defineVendor({
  key: 'twoN',
  scopes: ['twon:read', 'twon:write'],
  router: twonRouter,
  seeder: twonDemoSeeder,
  authenticate: verifyDeviceCredential,
});
