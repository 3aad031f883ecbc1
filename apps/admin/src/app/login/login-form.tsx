'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { Button, Field, Input } from '@/components/ui';
import { safeReturnPath } from '@/lib/return-path';
import { useTRPC } from '@/trpc/client';

/** `returnTo` is the page the visitor was sent away from (already checked by the page; checked again here). */
export function LoginForm({ returnTo }: { returnTo: string }) {
  const trpc = useTRPC();
  const [workspace, setWorkspace] = useState('demo');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      // The API set the HttpOnly session cookie; a full navigation lets the server layout see it.
      onSuccess: () => window.location.assign(safeReturnPath(returnTo)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate({ workspace, username, password });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Sign in">
      <Field id="workspace" label="Workspace">
        <Input
          id="workspace"
          name="workspace"
          value={workspace}
          onChange={(e) => setWorkspace(e.target.value)}
          required
          autoComplete="organization"
        />
      </Field>
      <Field id="username" label="Username">
        <Input
          id="username"
          name="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          autoComplete="username"
          autoFocus
        />
      </Field>
      <Field id="password" label="Password">
        <Input
          id="password"
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          autoComplete="current-password"
        />
      </Field>
      <ErrorAlert error={login.error} title="Sign-in failed" />
      <Button type="submit" disabled={login.isPending || login.isSuccess}>
        {login.isPending || login.isSuccess ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
