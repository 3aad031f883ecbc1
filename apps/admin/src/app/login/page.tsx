import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { RETURN_PARAM, safeReturnPath } from '@/lib/return-path';
import { getSession } from '@/trpc/server';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = (await searchParams)[RETURN_PARAM];
  // Anything but a same-origin path (an absolute URL, "//host") is dropped here, so it never reaches the form.
  const returnTo = safeReturnPath(typeof next === 'string' ? next : null);
  const session = await getSession();
  if (session.status === 'signed-in') redirect(returnTo);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase">Profilehub</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900 dark:text-slate-50">Sign in to the admin console</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:bg-slate-900 dark:border-slate-700">
          {session.status === 'unavailable' ? (
            <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {session.message}
            </p>
          ) : null}
          <LoginForm returnTo={returnTo} />
        </div>
      </div>
    </main>
  );
}
