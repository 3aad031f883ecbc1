'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { isActive, type NavSection } from '@/nav';

export function SidebarNav({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-6">
      {sections.map((section) => (
        <div key={section.title}>
          <h2 className="px-3 text-xs font-semibold tracking-wide text-slate-400 uppercase">{section.title}</h2>
          <ul className="mt-2 flex flex-col gap-0.5">
            {section.items.map((item) => {
              const active = isActive(item.href, pathname);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    className={
                      active
                        ? 'block rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white'
                        : 'block rounded-md px-3 py-1.5 text-sm text-slate-300 hover:bg-slate-800/60 hover:text-white'
                    }
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/**
 * The same navigation behind a "Menu" disclosure below the md breakpoint. Following a link is a client-side
 * navigation that keeps this layout mounted, so the panel is closed whenever the path changes — otherwise it
 * would stay open on top of the page the user just picked.
 */
export function MobileNav({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current && pathname) details.current.open = false;
  }, [pathname]);
  return (
    <details ref={details} className="relative shrink-0 md:hidden">
      <summary className="cursor-pointer rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700">Menu</summary>
      <div className="absolute left-0 z-20 mt-2 max-h-[80vh] w-64 overflow-y-auto rounded-md bg-slate-900 p-3 shadow-lg">
        <SidebarNav sections={sections} />
      </div>
    </details>
  );
}
