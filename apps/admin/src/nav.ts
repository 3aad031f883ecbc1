import type { VendorKey } from '@profilehub/api';
import { appgateNav } from './app/(dashboard)/appgate/nav';
import { flexcareNav } from './app/(dashboard)/flexcare/nav';
import { rpdbNav } from './app/(dashboard)/rpdb/nav';
import { soajsNav } from './app/(dashboard)/soajs/nav';
import { twonNav } from './app/(dashboard)/twon/nav';
import type { NavSection } from './nav-types';

// The admin navigation: the workspace section, then one section per vendor. A vendor's section sits beside
// its pages (`src/app/(dashboard)/<vendor>/nav.ts`) and is listed once below, keyed by the API's vendor key,
// so a vendor in the API manifest list without a section here fails to compile. `scope` hides an item from
// a signed-in user who lacks it (the API refuses the calls anyway; this keeps dead links out of the menu).
// Item labels do not repeat the vendor: the section title above them already names it.

export type { NavItem, NavSection } from './nav-types';

const vendorNav = {
  appgate: appgateNav,
  flexcare: flexcareNav,
  rpdb: rpdbNav,
  soajs: soajsNav,
  twoN: twonNav,
} satisfies Record<VendorKey, NavSection>;

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
  ...Object.values(vendorNav),
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
