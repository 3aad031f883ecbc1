'use client';

import { ApiTokenCreateFields } from '@profilehub/api/contract/account';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, TextField, useCreateForm } from '@/components/form-kit';
import { SecretNotice } from '@/components/secret-notice';
import { useHasScope, useSession } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Button, Card, Field, PageHeader, Select } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';

type ApiToken = RouterOutputs['apiToken']['page']['items'][number];
type Scope = RouterInputs['apiToken']['create']['scopes'][number];

const expiryChoices = [
  { value: '', label: 'Never' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

// The API's own token fields; the scope choices are the signed-in user's scopes (the server checks them again).
const TokenForm = z.strictObject({ ...ApiTokenCreateFields, scopes: z.array(z.string()).min(1, 'pick at least one scope') });

const statusTone = { active: 'green', expired: 'amber', revoked: 'red' } as const;
const SORTS = ['createdAt', 'name', 'account', 'lastUsedAt', 'expiresAt', 'status'] as const;

export function ApiTokensView() {
  const canWrite = useHasScope('tokens:write');
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Bearer tokens for scripts and typed clients (<code className="font-mono text-xs">Authorization: Bearer …</code>). A token never
            holds more than its owner&apos;s role allows.
          </>
        }
      />
      <div className="flex flex-col gap-6">
        {canWrite ? <CreateToken /> : null}
        <TokensTable canWrite={canWrite} />
      </div>
    </>
  );
}

function CreateToken() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Only scopes the signed-in user holds can be granted, so those are the choices.
  const grantable = useSession().scopes as Scope[];
  const create = useMutation(trpc.apiToken.create.mutationOptions());
  const { form, submit } = useCreateForm(TokenForm, {
    empty: { name: '', scopes: [] as Scope[], expiresInDays: undefined },
    save: (input) => create.mutateAsync({ ...input, scopes: input.scopes as Scope[] }),
    conflictField: 'name',
    saved: (created) => `Token “${created.apiToken.name}” created`,
    after: () => queryClient.invalidateQueries({ queryKey: trpc.apiToken.pathKey() }),
  });
  const scopes = (form.watch('scopes') ?? []) as Scope[];
  const setScopes = (next: Scope[]) => form.setValue('scopes', next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  const scopeError = form.formState.errors.scopes?.message;

  return (
    <Card title="Create a token">
      {create.data ? (
        <div className="mb-5">
          <SecretNotice
            title={`Token “${create.data.apiToken.name}” created — copy it now, you won't see this again`}
            value={create.data.token}
            id="new-token"
            testId="new-token"
            copyLabel="Copy token"
            onDone={() => create.reset()}
          >
            <p>Only a hash is stored. If you lose it, revoke it and create a new one.</p>
          </SecretNotice>
        </div>
      ) : null}
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Create a token" noValidate>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField form={form} name="name" id="token-name" label="Name" hint="What uses it, e.g. “nightly sync”." autoComplete="off" />
          <Field id="token-expiry" label="Expires">
            <Select
              id="token-expiry"
              {...form.register('expiresInDays', { setValueAs: (v: string) => (v === '' || v === undefined ? undefined : Number(v)) })}
            >
              {expiryChoices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <fieldset aria-describedby={scopeError ? 'token-scopes-error' : undefined}>
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Scopes</legend>
          <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
            {grantable.map((scope) => (
              <label key={scope} className="inline-flex items-center gap-2 text-sm text-slate-800 dark:text-slate-100">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 accent-indigo-600"
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
                />
                <span className="font-mono text-xs">{scope}</span>
              </label>
            ))}
          </div>
          <div className="mt-2 flex gap-2">
            <Button variant="ghost" size="sm" onClick={() => setScopes([...grantable])}>
              Select all
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setScopes(grantable.filter((s) => s.endsWith(':read')))}>
              Read-only
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setScopes([])}>
              Clear
            </Button>
          </div>
          {scopeError ? (
            <p id="token-scopes-error" className="mt-1 text-xs text-red-700 dark:text-red-300">
              Pick at least one scope.
            </p>
          ) : null}
        </fieldset>
        <FormFooter form={form} error={create.error} errorTitle="Could not create the token" label="Create token" busyLabel="Creating…" />
      </form>
    </Card>
  );
}

function TokensTable({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [state, setState] = useTableState({ sort: 'createdAt', desc: true });
  const list = useQuery({ ...trpc.apiToken.page.queryOptions(pageInput(state, SORTS)), placeholderData: keepPreviousData });
  const revoke = useMutation(
    trpc.apiToken.revoke.mutationOptions({
      onSuccess: (t) => toast({ message: `Token “${t.name}” revoked` }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.apiToken.pathKey() }),
    }),
  );

  const columns: Column<ApiToken>[] = [
    { id: 'name', header: 'Name', sortable: true, className: 'font-medium', cell: (t) => t.name },
    { id: 'prefix', header: 'Prefix', cell: (t) => <code className="font-mono text-xs">{t.prefix}…</code> },
    {
      id: 'scopes',
      header: 'Scopes',
      cell: (t) => (
        <ul className="flex max-w-xs flex-wrap gap-1">
          {t.scopes.map((scope) => (
            <li key={scope}>
              <Badge tone="indigo">{scope}</Badge>
            </li>
          ))}
        </ul>
      ),
    },
    { id: 'account', header: 'Owner', sortable: true, cell: (t) => t.accountUsername },
    { id: 'status', header: 'Status', sortable: true, cell: (t) => <Badge tone={statusTone[t.status]}>{t.status}</Badge> },
    {
      id: 'lastUsedAt',
      header: 'Last used',
      sortable: true,
      className: 'whitespace-nowrap text-slate-600 dark:text-slate-300',
      cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'),
    },
    {
      id: 'expiresAt',
      header: 'Expires',
      sortable: true,
      className: 'whitespace-nowrap text-slate-600 dark:text-slate-300',
      cell: (t) => (t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'),
    },
    { id: 'createdAt', header: 'Created', sortable: true, className: 'whitespace-nowrap', cell: (t) => formatDateTime(t.createdAt) },
  ];

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={revoke.error} title="Could not revoke the token" />
      <DataTable
        caption="API tokens"
        columns={columns}
        {...bindTable(list, [state, setState])}
        rowId={(t) => t.id}
        rowTestId={(t) => `token-row-${t.name}`}
        filterPlaceholder="name, prefix or owner"
        rowActions={
          canWrite
            ? (t) =>
                t.status === 'active' ? (
                  <ConfirmButton
                    label="Revoke"
                    title={`Revoke “${t.name}”?`}
                    confirmLabel="Revoke token"
                    disabled={revoke.isPending}
                    onConfirm={() => revoke.mutate({ id: t.id })}
                  >
                    Anything using this token stops working immediately. This cannot be undone.
                  </ConfirmButton>
                ) : (
                  <span className="text-xs text-slate-600 dark:text-slate-300">—</span>
                )
            : undefined
        }
      />
    </div>
  );
}
