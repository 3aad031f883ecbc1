export type NavItem = { href: string; label: string; scope?: string };
export type NavSection = { title: string; items: NavItem[] };

/** A vendor's section: each page at `/<area>/<path>`, shown to those who hold `<area>:read`. */
export function vendorSection(title: string, area: string, pages: Record<string, string>): NavSection {
  return { title, items: Object.entries(pages).map(([path, label]) => ({ href: `/${area}/${path}`, label, scope: `${area}:read` })) };
}
