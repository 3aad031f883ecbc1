import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

// Replaces Next's bare "404 | This page could not be found." with a way back into the console.
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm text-center">
        <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase">Profilehub</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">There is no page at this address in the admin console.</p>
        <Link href="/" className="mt-6 inline-flex rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Go to the overview
        </Link>
      </div>
    </main>
  );
}
