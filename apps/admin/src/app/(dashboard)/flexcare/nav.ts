// Relative, not '@/': the browser tests import the nav outside Next's path aliases.
import { vendorSection } from '../../../nav-types';

export const flexcareNav = vendorSection('TelecomX FlexCare', 'flexcare', {
  profiles: 'Dialog profiles',
  languages: 'Dialog languages',
  directory: 'Resellers & employees',
});
