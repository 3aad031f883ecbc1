import type { NavSection } from '@/nav-types';

export const rpdbNav: NavSection = {
  title: 'RPdb',
  items: [
    { href: '/rpdb/attributes', label: 'Attributes', scope: 'rpdb:read' },
    { href: '/rpdb/api-keys', label: 'API keys', scope: 'rpdb:read' },
    { href: '/rpdb/profiles', label: 'Profiles', scope: 'rpdb:read' },
  ],
};
