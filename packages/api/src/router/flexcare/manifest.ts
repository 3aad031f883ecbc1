import { resolveFlexcareActor } from '../../service/flexcare/auth';
import { defineVendor } from '../../vendor';
import { flexcareRouter } from '.';
import { flexcareDemoSeeder } from './demo';

export const flexcareVendor = defineVendor({
  key: 'flexcare',
  scopes: ['flexcare:read', 'flexcare:write'],
  router: flexcareRouter,
  seeder: flexcareDemoSeeder,
  authenticate: resolveFlexcareActor,
});
