import type { NavSection } from '@/nav-types';

export const twonNav: NavSection = {
  title: '2N intercom',
  items: [
    { href: '/twon/directories', label: 'Directories', scope: 'twon:read' },
    { href: '/twon/entries', label: 'Entries', scope: 'twon:read' },
    { href: '/twon/transfer', label: 'Import / export', scope: 'twon:read' },
    { href: '/twon/changes', label: 'Changes', scope: 'twon:read' },
  ],
};
