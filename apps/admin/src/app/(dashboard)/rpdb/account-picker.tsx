'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Button, EmptyState, Field, Input, Loading, Notice, Select } from '@/components/ui';
import { useTRPC } from '@/trpc/client';

// Every RPdb page works on one RPdb account (attributes, keys and profiles belong to it). The choice is kept
// in localStorage so moving between the three pages stays on the same account.
const STORAGE_KEY = 'profilehub.rpdb.accountId';

export const rights = ['all', 'write', 'read', 'none'] as const;
export type Right = (typeof rights)[number];

/** Renders the account selector, then `children(accountId)` once an account is chosen. */
export function WithRpdbAccount({ children }: { children: (accountId: number) => ReactNode }) {
  const trpc = useTRPC();
  const accounts = useQuery(trpc.rpdb.account.list.queryOptions());
  const [stored, setStored] = useState<number | null>(null);
  useEffect(() => {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (raw) setStored(Number(raw));
  }, []);

  function choose(id: number) {
    window.localStorage.setItem(STORAGE_KEY, String(id));
    setStored(id);
  }

  if (accounts.isPending) return <Loading label="Loading RPdb accounts…" />;
  if (accounts.error) return <ErrorAlert error={accounts.error} title="Could not load RPdb accounts" />;
  const list = accounts.data;
  const current = list.find((a) => a.id === stored) ?? list[0];
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end gap-4">
        {current ? (
          <Field id="rpdb-account" label="RPdb account">
            <Select id="rpdb-account" value={current.id} onChange={(e) => choose(Number(e.target.value))} className="min-w-56">
              {list.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} (#{a.id})
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <CreateAccount onCreated={choose} />
      </div>
      {current ? (
        children(current.id)
      ) : (
        <EmptyState title="No RPdb account yet">Create one: it owns attributes, API keys and profiles.</EmptyState>
      )}
    </div>
  );
}

function CreateAccount({ onCreated }: { onCreated: (id: number) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('rpdb:write');
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.rpdb.account.create.mutationOptions({
      onSuccess: async (data) => {
        setName('');
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.rpdb.account.list.queryKey() });
        onCreated(data.account.id);
      },
    }),
  );
  if (!canWrite) return null;

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name });
  }

  return (
    <div className="flex flex-col gap-3">
      {create.data?.password ? (
        <Notice tone="warning" title={`Account “${create.data.account.name}” created — copy its password now, you won't see it again`}>
          <p>Its password re-authorises API keys (privileged for 30 minutes).</p>
          <p className="mt-2 flex flex-wrap items-center gap-3">
            <code id="rpdb-account-password" data-testid="rpdb-account-password" className="rounded bg-white px-2 py-1 font-mono text-sm">
              {create.data.password}
            </code>
            <CopyButton value={create.data.password} targetId="rpdb-account-password" label="Copy password" />
          </p>
        </Notice>
      ) : null}
      {open ? (
        <form onSubmit={submit} aria-label="Create an RPdb account" className="flex flex-wrap items-end gap-3">
          <Field id="rpdb-account-name" label="New account name">
            <Input id="rpdb-account-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} />
          </Field>
          <Button type="submit" disabled={create.isPending}>
            Create account
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          New RPdb account
        </Button>
      )}
      <ErrorAlert error={create.error} title="Could not create the account" />
    </div>
  );
}
