// Relative, not '@/': the browser tests import the nav outside Next's path aliases.
import { vendorSection } from '../../../nav-types';

export const appgateNav = vendorSection('Appgate SDP', 'appgate', {
  'client-profiles': 'Client profiles',
  'identity-providers': 'Identity providers',
  settings: 'Global settings',
  admins: 'Admin users',
});
