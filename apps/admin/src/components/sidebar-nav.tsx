'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
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
