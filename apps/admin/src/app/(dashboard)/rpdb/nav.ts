// Relative, not '@/': the browser tests import the nav outside Next's path aliases.
import { vendorSection } from '../../../nav-types';

export const rpdbNav = vendorSection('RPdb', 'rpdb', { attributes: 'Attributes', 'api-keys': 'API keys', profiles: 'Profiles' });
