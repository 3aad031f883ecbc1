// Relative, not '@/': the browser tests import the nav outside Next's path aliases.
import { vendorSection } from '../../../nav-types';

export const soajsNav = vendorSection('SOAJS URAC', 'soajs', { users: 'Users', groups: 'Groups', tenants: 'Tenants' });
