import { headers } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AutoRetry } from '@/components/auto-retry';
import { LiveUpdates, OutageBanner } from '@/components/live-updates';
import { SessionProvider } from '@/components/session';
import { MobileNav, SidebarNav } from '@/components/sidebar-nav';
import { SignOutButton } from '@/components/sign-out-button';
import { ThemeToggle } from '@/components/theme-toggle';
import { loginUrl, PATH_HEADER } from '@/lib/return-path';
import { navFor } from '@/nav';
import { getSession } from '@/trpc/server';

// Every page under (dashboard) requires a session: the API server is asked who the incoming cookie belongs to
// on each request (the cookie is HttpOnly and opaque, only the API can judge it).
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (session.status === 'signed-out') redirect(loginUrl((await headers()).get(PATH_HEADER) ?? '/'));
  if (session.status === 'unavailable') {
    return (
      <main className="mx-auto max-w-xl px-6 py-16">
        <h1 className="text-xl font-semibold text-slate-900">The admin console cannot reach the API</h1>
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {session.message}
        </p>
        <p className="mt-3 text-sm text-slate-600">
          Check that the Profilehub server is running and that PROFILEHUB_API_URL points at it. This page retries by itself every few
          seconds.
        </p>
        <AutoRetry />
      </main>
    );
  }
  const { me } = session;
  const username = me.account?.username ?? me.label;
  const displayName = me.account?.displayName && me.account.displayName !== username ? me.account.displayName : null;

  return (
    <SessionProvider me={me}>
      <div className="flex min-h-screen">
        <aside className="hidden w-60 shrink-0 flex-col bg-slate-900 px-3 py-5 md:flex">
          <Link href="/" className="mb-6 px-3 text-lg font-semibold text-white">
            Profilehub
          </Link>
          <SidebarNav sections={navFor(me.scopes)} />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <OutageBanner />
          <LiveUpdates />
          <header className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3 sm:px-6 dark:border-slate-700 dark:bg-slate-900">
            <MobileNav sections={navFor(me.scopes)} />
            <p className="hidden min-w-0 truncate text-sm text-slate-600 sm:block">
              Workspace <span className="font-medium text-slate-900">{me.workspace.name}</span>{' '}
              <span className="text-slate-600">({me.workspace.slug})</span>
            </p>
            <div className="flex min-w-0 items-center gap-3 sm:gap-4">
              <p className="min-w-0 truncate text-sm text-slate-600" data-testid="signed-in-user">
                <span className="hidden sm:inline">Signed in as </span>
                <span className="font-medium text-slate-900">{displayName ?? username}</span>
                {displayName ? <span className="hidden text-slate-500 sm:inline"> ({username})</span> : null}
                {me.account ? <span className="hidden text-slate-600 lg:inline"> · {me.account.role}</span> : null}
              </p>
              <ThemeToggle />
              <SignOutButton />
            </div>
          </header>
          <main className="mx-auto w-full max-w-6xl min-w-0 flex-1 px-4 py-6 sm:px-6 sm:py-8">{children}</main>
        </div>
      </div>
    </SessionProvider>
  );
}
