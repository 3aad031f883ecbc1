import { rpdbDemoSeeder } from '../../service/rpdb/demo';
import { authenticateRpdbKey } from '../../service/rpdb/principal';
import { defineVendor } from '../../vendor';
import { rpdbRouter } from '.';

export const rpdbVendor = defineVendor({
  key: 'rpdb',
  scopes: ['rpdb:read', 'rpdb:write'],
  router: rpdbRouter,
  seeder: rpdbDemoSeeder,
  authenticate: authenticateRpdbKey,
});
