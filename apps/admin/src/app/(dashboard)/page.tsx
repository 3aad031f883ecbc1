import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui';
import { navFor } from '@/nav';
import { getSession } from '@/trpc/server';

export const metadata: Metadata = { title: 'Overview' };

// A server-rendered dashboard page: the session comes from the same per-request auth.me the layout made.
export default async function OverviewPage() {
  const session = await getSession();
  const scopes = session.status === 'signed-in' ? session.me.scopes : [];
  const sections = navFor(scopes)
    .map((s) => ({ ...s, items: s.items.filter((i) => i.href !== '/') }))
    .filter((s) => s.items.length > 0);
  return (
    <>
      <PageHeader
        title="Overview"
        description="Profilehub keeps profile, directory and user-config data and serves it to the admin console, typed API clients and vendor-compatible REST surfaces."
      />
      <div className="flex flex-col gap-8">
        {sections.map((section) => (
          <section key={section.title} aria-labelledby={`section-${section.title}`}>
            <h2 id={`section-${section.title}`} className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">
              {section.title}
            </h2>
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {section.items.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    className="block rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm font-medium text-slate-900 shadow-sm hover:border-indigo-300 hover:bg-indigo-50"
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
