import type { NavSection } from '@/nav-types';

export const flexcareNav: NavSection = {
  title: 'TelecomX FlexCare',
  items: [
    { href: '/flexcare/profiles', label: 'Dialog profiles', scope: 'flexcare:read' },
    { href: '/flexcare/languages', label: 'Dialog languages', scope: 'flexcare:read' },
    { href: '/flexcare/directory', label: 'Resellers & employees', scope: 'flexcare:read' },
  ],
};
