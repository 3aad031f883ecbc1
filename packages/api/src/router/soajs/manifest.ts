import { soajsDemoSeeder } from '../../service/soajs/demo';
import { authenticateSoajs } from '../../service/soajs/tenants';
import { defineVendor } from '../../vendor';
import { soajsRouter } from '.';

export const soajsVendor = defineVendor({
  key: 'soajs',
  scopes: ['soajs:read', 'soajs:write'],
  router: soajsRouter,
  seeder: soajsDemoSeeder,
  authenticate: authenticateSoajs,
});
