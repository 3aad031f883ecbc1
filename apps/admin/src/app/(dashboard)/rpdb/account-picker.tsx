'use client';

import { RpdbAccountCreateInput } from '@profilehub/api/contract/rpdb';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { FormFooter, TextField, useCreateForm } from '@/components/form-kit';
import { SecretNotice } from '@/components/secret-notice';
import { useHasScope } from '@/components/session';
import { NothingToChoose, WithStoredChoice } from '@/components/stored-choice';
import { Button } from '@/components/ui';
import { useTRPC } from '@/trpc/client';

// Every RPdb page works on one RPdb account (attributes, keys and profiles belong to it).

export const rights = ['all', 'write', 'read', 'none'] as const;
export type Right = (typeof rights)[number];

/** Renders the account selector, then `children(accountId)` once an account is chosen. */
export function WithRpdbAccount({ children }: { children: (accountId: number) => ReactNode }) {
  const trpc = useTRPC();
  const accounts = useQuery(trpc.rpdb.account.list.queryOptions());
  return (
    <WithStoredChoice
      items={accounts.data}
      isPending={accounts.isPending}
      error={accounts.error}
      noun="RPdb accounts"
      storageKey="profilehub.rpdb.accountId"
      id="rpdb-account"
      label="RPdb account"
      idOf={(a) => String(a.id)}
      optionLabel={(a) => `${a.name} (#${a.id})`}
      selectClassName="min-w-56"
      empty={<NothingToChoose title="No RPdb account yet">Create one: it owns attributes, API keys and profiles.</NothingToChoose>}
      aside={(choose) => <CreateAccount onCreated={(id) => choose(String(id))} />}
    >
      {(account) => children(account.id)}
    </WithStoredChoice>
  );
}

function CreateAccount({ onCreated }: { onCreated: (id: number) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('rpdb:write');
  const [open, setOpen] = useState(false);
  // The password is left out: the API generates one and returns it once.
  const create = useMutation(trpc.rpdb.account.create.mutationOptions());
  const { form, submit } = useCreateForm(RpdbAccountCreateInput, {
    empty: { name: '' },
    save: create.mutateAsync,
    conflictField: 'name',
    saved: (data) => `Created RPdb account ${data.account.name}`,
    after: async (data) => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: trpc.rpdb.account.list.queryKey() });
      onCreated(data.account.id);
    },
  });
  if (!canWrite) return null;

  return (
    <div className="flex flex-col gap-3">
      {create.data?.password ? (
        <SecretNotice
          title={`Account “${create.data.account.name}” created — copy its password now, you won't see it again`}
          value={create.data.password}
          id="rpdb-account-password"
          testId="rpdb-account-password"
          copyLabel="Copy password"
        >
          <p>Its password re-authorises API keys (privileged for 30 minutes).</p>
        </SecretNotice>
      ) : null}
      {open ? (
        <form onSubmit={submit} aria-label="Create an RPdb account" className="flex flex-wrap items-end gap-3" noValidate>
          <TextField form={form} name="name" id="rpdb-account-name" label="New account name" maxLength={64} />
          <FormFooter
            form={form}
            error={create.error}
            errorTitle="Could not create the account"
            label="Create account"
            busyLabel="Creating…"
          />
          <Button
            variant="ghost"
            onClick={() => {
              form.reset({ name: '' });
              setOpen(false);
            }}
          >
            Cancel
          </Button>
        </form>
      ) : (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          New RPdb account
        </Button>
      )}
    </div>
  );
}
