'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope, useSession } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, Notice, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';

type ApiToken = RouterOutputs['apiToken']['list'][number];
type Scope = RouterInputs['apiToken']['create']['scopes'][number];

const expiryChoices = [
  { value: '', label: 'Never' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

const statusTone = { active: 'green', expired: 'amber', revoked: 'red' } as const;

export function ApiTokensView() {
  const trpc = useTRPC();
  const canWrite = useHasScope('tokens:write');
  const tokens = useQuery(trpc.apiToken.list.queryOptions());

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
        <ErrorAlert error={tokens.error} title="Could not load API tokens" />
        {tokens.isPending ? (
          <Loading label="Loading API tokens…" />
        ) : tokens.data?.length === 0 ? (
          <EmptyState title="No API tokens yet">Create one above to call the API from a script.</EmptyState>
        ) : tokens.data ? (
          <TokensTable tokens={tokens.data} canWrite={canWrite} />
        ) : null}
      </div>
    </>
  );
}

function CreateToken() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Only scopes the signed-in user holds can be granted, so those are the choices.
  const grantable = useSession().scopes as Scope[];
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [expiry, setExpiry] = useState('');
  const create = useMutation(
    trpc.apiToken.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setScopes([]);
        setExpiry('');
        return queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() });
      },
    }),
  );

  function toggle(scope: Scope, checked: boolean) {
    setScopes((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name, scopes, expiresInDays: expiry === '' ? undefined : Number(expiry) });
  }

  return (
    <Card title="Create a token">
      {create.data ? (
        <div className="mb-5">
          <Notice tone="warning" title={`Token “${create.data.apiToken.name}” created — copy it now, you won't see this again`}>
            <p>Only a hash is stored. If you lose it, revoke it and create a new one.</p>
            <p className="mt-2 flex flex-wrap items-center gap-3">
              <code
                id="new-token"
                data-testid="new-token"
                className="rounded bg-white px-2 py-1 font-mono text-sm break-all ring-1 ring-amber-300"
              >
                {create.data.token}
              </code>
              <CopyButton value={create.data.token} targetId="new-token" label="Copy token" />
              <Button variant="ghost" size="sm" onClick={() => create.reset()}>
                Done
              </Button>
            </p>
          </Notice>
        </div>
      ) : null}
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Create a token">
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="token-name" label="Name" hint="What uses it, e.g. “nightly sync”.">
            <Input id="token-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} autoComplete="off" />
          </Field>
          <Field id="token-expiry" label="Expires">
            <Select id="token-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
              {expiryChoices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
            {grantable.map((scope) => (
              <label key={scope} className="inline-flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 accent-indigo-600"
                  checked={scopes.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
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
        </fieldset>
        <ErrorAlert error={create.error} title="Could not create the token" />
        <div>
          <Button type="submit" disabled={create.isPending || scopes.length === 0}>
            {create.isPending ? 'Creating…' : 'Create token'}
          </Button>
          {scopes.length === 0 ? <span className="ml-3 text-xs text-slate-500">Pick at least one scope.</span> : null}
        </div>
      </form>
    </Card>
  );
}

function TokensTable({ tokens, canWrite }: { tokens: ApiToken[]; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiToken.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() }),
    }),
  );

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={revoke.error} title="Could not revoke the token" />
      <Table caption="API tokens">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Prefix</Th>
            <Th>Scopes</Th>
            <Th>Owner</Th>
            <Th>Status</Th>
            <Th>Last used</Th>
            <Th>Expires</Th>
            {canWrite ? <Th>Actions</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((token) => (
            <tr key={token.id} data-testid={`token-row-${token.name}`}>
              <Td className="font-medium">{token.name}</Td>
              <Td>
                <code className="font-mono text-xs">{token.prefix}…</code>
              </Td>
              <Td>
                <ul className="flex max-w-xs flex-wrap gap-1">
                  {token.scopes.map((scope) => (
                    <li key={scope}>
                      <Badge tone="indigo">{scope}</Badge>
                    </li>
                  ))}
                </ul>
              </Td>
              <Td>{token.accountUsername}</Td>
              <Td>
                <Badge tone={statusTone[token.status]}>{token.status}</Badge>
              </Td>
              <Td className="whitespace-nowrap text-slate-600">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Td>
              <Td className="whitespace-nowrap text-slate-600">{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</Td>
              {canWrite ? (
                <Td>
                  {token.status === 'active' ? (
                    <ConfirmButton
                      label="Revoke"
                      title={`Revoke “${token.name}”?`}
                      confirmLabel="Revoke token"
                      disabled={revoke.isPending}
                      onConfirm={() => revoke.mutate({ id: token.id })}
                    >
                      Anything using this token stops working immediately. This cannot be undone.
                    </ConfirmButton>
                  ) : (
                    <span className="text-xs text-slate-600">—</span>
                  )}
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
