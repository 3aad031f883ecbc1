export type NavItem = { href: string; label: string; scope?: string };
export type NavSection = { title: string; items: NavItem[] };
