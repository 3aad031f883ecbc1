'use client';

import { useMutation } from '@tanstack/react-query';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/trpc/client';

export function SignOutButton() {
  const trpc = useTRPC();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      // A full navigation drops every cached query of the old session.
      onSuccess: () => window.location.assign('/login'),
    }),
  );
  return (
    <div className="flex shrink-0 items-center gap-2">
      <button
        type="button"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
        className="shrink-0 whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:text-slate-400 dark:text-slate-200 dark:bg-slate-900 dark:border-slate-600"
      >
        {logout.isPending ? 'Signing out…' : 'Sign out'}
      </button>
      {logout.error ? (
        <span role="alert" className="text-xs text-red-700">
          {describeError(logout.error).message}
        </span>
      ) : null}
    </div>
  );
}
