// The admin navigation, one section per area. Vendor issues add ONE section each (a single entry appended
// below the marker) and put their pages under `src/app/(dashboard)/<vendor>/`. `scope` hides an item from a
// signed-in user who lacks it (the API refuses the calls anyway; this keeps dead links out of the menu).
// Item labels do not repeat the vendor: the section title above them already names it.

export type NavItem = { href: string; label: string; scope?: string };
export type NavSection = { title: string; items: NavItem[] };

export const nav: NavSection[] = [
  {
    title: 'Workspace',
    items: [
      { href: '/', label: 'Overview' },
      { href: '/accounts', label: 'Accounts', scope: 'accounts:read' },
      { href: '/api-tokens', label: 'API tokens', scope: 'tokens:read' },
      { href: '/audit-log', label: 'Audit log', scope: 'audit:read' },
    ],
  },
  // Vendor sections below (e.g. { title: 'TelecomX', items: [{ href: '/telecomx/profiles', label: 'Dialog profiles' }] }).
  {
    title: 'Appgate SDP',
    items: [
      { href: '/appgate/client-profiles', label: 'Client profiles', scope: 'appgate:read' },
      { href: '/appgate/identity-providers', label: 'Identity providers', scope: 'appgate:read' },
      { href: '/appgate/settings', label: 'Global settings', scope: 'appgate:read' },
      { href: '/appgate/admins', label: 'Admin users', scope: 'appgate:read' },
    ],
  },
  {
    title: 'TelecomX FlexCare',
    items: [
      { href: '/flexcare/profiles', label: 'Dialog profiles', scope: 'flexcare:read' },
      { href: '/flexcare/languages', label: 'Dialog languages', scope: 'flexcare:read' },
      { href: '/flexcare/directory', label: 'Resellers & employees', scope: 'flexcare:read' },
    ],
  },
  {
    title: 'RPdb',
    items: [
      { href: '/rpdb/attributes', label: 'Attributes', scope: 'rpdb:read' },
      { href: '/rpdb/api-keys', label: 'API keys', scope: 'rpdb:read' },
      { href: '/rpdb/profiles', label: 'Profiles', scope: 'rpdb:read' },
    ],
  },
  {
    title: 'SOAJS URAC',
    items: [
      { href: '/soajs/users', label: 'Users', scope: 'soajs:read' },
      { href: '/soajs/groups', label: 'Groups', scope: 'soajs:read' },
      { href: '/soajs/tenants', label: 'Tenants', scope: 'soajs:read' },
    ],
  },
  {
    title: '2N intercom',
    items: [
      { href: '/twon/directories', label: 'Directories', scope: 'twon:read' },
      { href: '/twon/entries', label: 'Entries', scope: 'twon:read' },
      { href: '/twon/transfer', label: 'Import / export', scope: 'twon:read' },
      { href: '/twon/changes', label: 'Changes', scope: 'twon:read' },
    ],
  },
];

/** The nav as a given user may see it: items they lack the scope for are dropped, then empty sections. */
export function navFor(scopes: readonly string[]): NavSection[] {
  return nav
    .map((section) => ({ ...section, items: section.items.filter((item) => !item.scope || scopes.includes(item.scope)) }))
    .filter((section) => section.items.length > 0);
}

/** True when `href` is the current page or a parent of it ("/" only matches itself). */
export function isActive(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
