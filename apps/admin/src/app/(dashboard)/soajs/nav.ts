import type { NavSection } from '@/nav-types';

export const soajsNav: NavSection = {
  title: 'SOAJS URAC',
  items: [
    { href: '/soajs/users', label: 'Users', scope: 'soajs:read' },
    { href: '/soajs/groups', label: 'Groups', scope: 'soajs:read' },
    { href: '/soajs/tenants', label: 'Tenants', scope: 'soajs:read' },
  ],
};
