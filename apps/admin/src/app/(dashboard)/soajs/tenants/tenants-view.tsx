'use client';

import { SoajsTenantCreateInput } from '@profilehub/api/contract/soajs';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, TextField, useCreateForm } from '@/components/form-kit';
import { SecretNotice } from '@/components/secret-notice';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Button, Card, PageHeader, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';

type Secret = { title: string; value: string };

type Tenant = RouterOutputs['soajs']['tenant']['page']['items'][number];
const SORTS = ['createdAt', 'code', 'name'] as const;

export function TenantsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useHasScope('soajs:write');
  const [state, setState] = useTableState({ sort: 'createdAt' });
  const tenants = useQuery({ ...trpc.soajs.tenant.page.queryOptions(pageInput(state, SORTS)), placeholderData: keepPreviousData });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.soajs.tenant.pathKey() });
  const [openId, setOpenId] = useState<string | null>(null);
  const update = useMutation(
    trpc.soajs.tenant.update.mutationOptions({
      onSuccess: (t) => toast({ message: `${t.code} is now ${t.locked ? 'the root (locked) tenant' : 'an ordinary tenant'}` }),
      onSettled: invalidate,
    }),
  );
  // The open tenant as the current page shows it (refetched with the list after every change).
  const open = tenants.data?.items.find((t) => t.id === openId) ?? null;

  const columns: Column<Tenant>[] = [
    {
      id: 'code',
      header: 'Code',
      sortable: true,
      className: 'font-medium',
      cell: (t) => (
        <span className="flex items-center gap-2">
          {t.code} {t.locked ? <Badge tone="indigo">Root (locked)</Badge> : null}
        </span>
      ),
    },
    { id: 'name', header: 'Name', sortable: true, cell: (t) => t.name },
    { id: 'description', header: 'Description', cell: (t) => t.description },
    {
      id: 'credentials',
      header: 'Keys / tokens',
      cell: (t) => `${t.keys.filter((k) => !k.revokedAt).length} / ${t.accessTokens.filter((k) => k.status === 'active').length} active`,
    },
    { id: 'createdAt', header: 'Created', sortable: true, className: 'whitespace-nowrap', cell: (t) => formatDateTime(t.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title="SOAJS tenants"
        description={
          <>
            Clients call <code>/urac/…</code> with a tenant external key in the <code>key</code> header and an oauth access token as{' '}
            <code>access_token</code>. The locked (root) tenant may change locked users; a token it issued works with every tenant's key.
          </>
        }
      />
      <div className="flex flex-col gap-6">
        {canWrite ? <CreateTenant onCreated={invalidate} /> : null}
        <ErrorAlert error={update.error} title="Could not change the tenant" />
        <DataTable
          caption="SOAJS tenants"
          columns={columns}
          {...bindTable(tenants, [state, setState])}
          rowId={(t) => t.id}
          rowTestId={(t) => `soajs-tenant-${t.code}`}
          filterPlaceholder="code, name or description"
          rowActions={(t) => (
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" onClick={() => setOpenId(openId === t.id ? null : t.id)}>
                Keys and tokens
              </Button>
              {canWrite ? (
                <Button size="sm" variant="secondary" onClick={() => update.mutate({ id: t.id, locked: !t.locked })}>
                  {t.locked ? 'Make ordinary' : 'Make root'}
                </Button>
              ) : null}
            </div>
          )}
        />
        {open ? <TenantCredentials tenant={open} canWrite={canWrite} onChange={invalidate} /> : null}
      </div>
    </>
  );
}

/** A tenant's external keys and access tokens, with the actions that make and revoke them. */
function TenantCredentials({ tenant, canWrite, onChange }: { tenant: Tenant; canWrite: boolean; onChange: () => Promise<void> }) {
  const trpc = useTRPC();
  const [secret, setSecret] = useState<Secret | null>(null);
  const createKey = useMutation(
    trpc.soajs.tenant.createKey.mutationOptions({
      onSuccess: (res) => setSecret({ title: 'External key created — copy it now, you won’t see it again', value: res.key }),
      onSettled: onChange,
    }),
  );
  const createToken = useMutation(
    trpc.soajs.tenant.createAccessToken.mutationOptions({
      onSuccess: (res) => setSecret({ title: 'Access token created — copy it now, you won’t see it again', value: res.accessToken }),
      onSettled: onChange,
    }),
  );
  const revokeKey = useMutation(trpc.soajs.tenant.revokeKey.mutationOptions({ onSettled: onChange }));
  const revokeToken = useMutation(trpc.soajs.tenant.revokeAccessToken.mutationOptions({ onSettled: onChange }));
  return (
    <Card title={`Keys and tokens of ${tenant.code}`} description={`Tenant id ${tenant.id}`}>
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={() => createKey.mutate({ tenantId: tenant.id, label: 'admin' })}>
              New external key
            </Button>
            <Button size="sm" onClick={() => createToken.mutate({ tenantId: tenant.id, label: 'admin' })}>
              New access token
            </Button>
          </div>
        ) : null}
        {secret ? <SecretNotice title={secret.title} value={secret.value} id="soajs-new-secret" onDone={() => setSecret(null)} /> : null}
        <ErrorAlert
          error={createKey.error ?? createToken.error ?? revokeKey.error ?? revokeToken.error}
          title="Credential request failed"
        />
        <Credentials
          caption={`External keys of ${tenant.code}`}
          noun="key"
          whenHeader="Created"
          rows={tenant.keys.map((k) => ({
            ...k,
            when: formatDateTime(k.createdAt),
            status: k.revokedAt ? ('revoked' as const) : ('active' as const),
          }))}
          revokeNote="Clients using it get 132 from then on."
          onRevoke={canWrite ? (id) => revokeKey.mutate({ id }) : undefined}
        />
        <Credentials
          caption={`Access tokens of ${tenant.code}`}
          noun="token"
          whenHeader="Expires"
          rows={tenant.accessTokens.map((k) => ({ ...k, when: k.expiresAt ? formatDateTime(k.expiresAt) : 'never' }))}
          revokeNote="Clients using it get 401 from then on."
          onRevoke={canWrite ? (id) => revokeToken.mutate({ id }) : undefined}
        />
      </div>
    </Card>
  );
}

type Credential = { id: string; prefix: string; label: string; when: string; status: 'active' | 'expired' | 'revoked' };

function Credentials({
  caption,
  noun,
  whenHeader,
  rows,
  revokeNote,
  onRevoke,
}: {
  caption: string;
  noun: string;
  whenHeader: string;
  rows: Credential[];
  revokeNote: string;
  onRevoke?: (id: string) => void;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Prefix</Th>
          <Th>Label</Th>
          <Th>{whenHeader}</Th>
          <Th>Status</Th>
          {onRevoke ? <Th>Actions</Th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.length === 0 ? (
          <tr>
            <Td colSpan={onRevoke ? 5 : 4} className="text-slate-600 dark:text-slate-300">
              No {noun}s yet.
            </Td>
          </tr>
        ) : null}
        {rows.map((k) => (
          <tr key={k.id}>
            <Td className="font-mono text-xs">{k.prefix}…</Td>
            <Td>{k.label}</Td>
            <Td>{k.when}</Td>
            <Td>
              <Badge tone={k.status === 'active' ? 'green' : 'red'}>{k.status}</Badge>
            </Td>
            {onRevoke ? (
              <Td>
                {k.status === 'revoked' ? null : (
                  <ConfirmButton
                    label="Revoke"
                    title={`Revoke ${noun} ${k.prefix}…?`}
                    confirmLabel={`Revoke ${noun}`}
                    onConfirm={() => onRevoke(k.id)}
                  >
                    {revokeNote}
                  </ConfirmButton>
                )}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function CreateTenant({ onCreated }: { onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const empty = { code: '', name: '', description: undefined, locked: false };
  const create = useMutation(trpc.soajs.tenant.create.mutationOptions());
  const { form, submit } = useCreateForm(SoajsTenantCreateInput, {
    empty,
    save: create.mutateAsync,
    conflictField: 'code',
    saved: (tenant) => `Tenant ${tenant.code} created`,
    after: onCreated,
  });

  return (
    <Card title="Create a tenant">
      <form onSubmit={submit} aria-label="Create a tenant" className="flex flex-col gap-4" noValidate>
        <div className="grid gap-4 md:grid-cols-3">
          <TextField form={form} name="code" id="soajs-tenant-code" label="Code" hint="2–20 letters, digits, _ or -" autoComplete="off" />
          <TextField form={form} name="name" id="soajs-tenant-name" label="Name" />
          <TextField form={form} name="description" id="soajs-tenant-description" label="Description" optional />
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
          <input type="checkbox" {...form.register('locked')} />
          Root tenant (locked): may change locked users
        </label>
        <FormFooter form={form} error={create.error} errorTitle="Could not create the tenant" label="Create tenant" busyLabel="Creating…" />
      </form>
    </Card>
  );
}
