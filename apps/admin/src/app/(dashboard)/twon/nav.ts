// Relative, not '@/': the browser tests import the nav outside Next's path aliases.
import { vendorSection } from '../../../nav-types';

export const twonNav = vendorSection('2N intercom', 'twon', {
  directories: 'Directories',
  entries: 'Entries',
  transfer: 'Import / export',
  changes: 'Changes',
});
