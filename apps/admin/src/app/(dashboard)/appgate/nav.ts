import type { NavSection } from '@/nav-types';

export const appgateNav: NavSection = {
  title: 'Appgate SDP',
  items: [
    { href: '/appgate/client-profiles', label: 'Client profiles', scope: 'appgate:read' },
    { href: '/appgate/identity-providers', label: 'Identity providers', scope: 'appgate:read' },
    { href: '/appgate/settings', label: 'Global settings', scope: 'appgate:read' },
    { href: '/appgate/admins', label: 'Admin users', scope: 'appgate:read' },
  ],
};
