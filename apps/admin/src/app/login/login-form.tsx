'use client';

import { LoginInput } from '@profilehub/api/contract/account';
import { useMutation } from '@tanstack/react-query';
import { FormFooter, submitForm, TextField, useZodForm } from '@/components/form-kit';
import { safeReturnPath } from '@/lib/return-path';
import { useTRPC } from '@/trpc/client';

/**
 * The admin sign-in, checked by the API's own LoginInput. A refusal (wrong workspace, username or password;
 * too many failed attempts) belongs to no one field, so it is the banner above the button, in the API's words.
 * `returnTo` is the page the visitor was sent away from (already checked by the page; checked again here).
 */
export function LoginForm({ returnTo }: { returnTo: string }) {
  const trpc = useTRPC();
  const login = useMutation(trpc.auth.login.mutationOptions());
  // Nothing typed here is an edit to lose, and success leaves the page: no unsaved-changes warning.
  const form = useZodForm(LoginInput, { defaultValues: { workspace: 'demo', username: '', password: '' }, warnUnsaved: false });
  const submit = submitForm(
    form,
    (input) => login.mutateAsync(input),
    undefined,
    // The API set the HttpOnly session cookie; a full navigation lets the server layout see it.
    () => window.location.assign(safeReturnPath(returnTo)),
  );
  const throttled = login.error?.data?.code === 'TOO_MANY_REQUESTS';
  const wait = login.error?.data?.retryAfterSeconds;

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Sign in" noValidate>
      <TextField form={form} name="workspace" id="workspace" label="Workspace" required autoComplete="organization" />
      <TextField form={form} name="username" id="username" label="Username" required autoComplete="username" autoFocus />
      <TextField form={form} name="password" id="password" label="Password" type="password" required autoComplete="current-password" />
      <FormFooter
        form={form}
        error={login.error}
        errorTitle={throttled ? `Too many attempts${wait ? `: try again in ${inWords(wait)}` : ''}` : 'Sign-in failed'}
        label={login.isSuccess ? 'Signing in…' : 'Sign in'}
        busyLabel="Signing in…"
        disabled={login.isSuccess}
      />
    </form>
  );
}

/** A wait as people say it: "45 seconds", "1 minute", "15 minutes" (rounded up). */
function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
