'use client';

import { RpdbApiKeyCreateInput } from '@profilehub/api/contract/rpdb';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, TextField, useCreateForm } from '@/components/form-kit';
import { SecretNotice } from '@/components/secret-notice';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Button, Card, Field, Input, Loading, PageHeader } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { WithRpdbAccount } from '../account-picker';
import { fromRights, RightsMatrix, type RightsValue, toRights } from './rights-matrix';

type ApiKey = RouterOutputs['rpdb']['apiKey']['page']['items'][number];
type Attribute = RouterOutputs['rpdb']['attribute']['list'][number];

export function ApiKeysView() {
  return (
    <>
      <PageHeader
        title="RPdb API keys"
        description={
          <>
            Keys for the RPdb profile API (<code className="font-mono text-xs">X-Api-Key</code>), each with a right per attribute. A key
            re-authorised with the account password is privileged for 30 minutes.
          </>
        }
      />
      <WithRpdbAccount>{(accountId) => <ApiKeys accountId={accountId} />}</WithRpdbAccount>
    </>
  );
}

function ApiKeys({ accountId }: { accountId: number }) {
  const trpc = useTRPC();
  const canWrite = useHasScope('rpdb:write');
  const attributes = useQuery(trpc.rpdb.attribute.list.queryOptions({ accountId }));
  if (attributes.isPending) return <Loading label="Loading API keys…" />;
  if (attributes.error) return <ErrorAlert error={attributes.error} title="Could not load API keys" />;
  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <CreateKey accountId={accountId} attributes={attributes.data} /> : null}
      <KeysTable accountId={accountId} attributes={attributes.data} canWrite={canWrite} />
    </div>
  );
}

function CreateKey({ accountId, attributes }: { accountId: number; attributes: Attribute[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<RightsValue>({});
  const create = useMutation(trpc.rpdb.apiKey.create.mutationOptions());
  const { form, submit } = useCreateForm(RpdbApiKeyCreateInput, {
    empty: { accountId, name: '', rights: [] },
    save: (input) => create.mutateAsync({ ...input, accountId }),
    conflictField: 'name',
    saved: (res) => `Key “${res.apiKey.name}” created`,
    after: async () => {
      setValue({});
      await queryClient.invalidateQueries({ queryKey: trpc.rpdb.apiKey.pathKey() });
    },
  });

  return (
    <Card title="Create an API key">
      {create.data ? (
        <div className="mb-5">
          <SecretNotice
            title={`Key “${create.data.apiKey.name}” created — copy it now, you won't see it again`}
            value={create.data.key}
            id="new-rpdb-key"
            testId="new-rpdb-key"
            copyLabel="Copy key"
            onDone={() => create.reset()}
          />
        </div>
      ) : null}
      <form onSubmit={submit} aria-label="Create an API key" className="flex flex-col gap-4" noValidate>
        <TextField form={form} name="name" id="rpdb-key-name" label="Key name" autoComplete="off" />
        <RightsMatrix
          name="new key"
          attributes={attributes}
          value={value}
          onChange={(next) => {
            setValue(next);
            form.setValue('rights', toRights(next), { shouldDirty: true });
          }}
        />
        <FormFooter form={form} error={create.error} errorTitle="Could not create the key" label="Create key" busyLabel="Creating…" />
      </form>
    </Card>
  );
}

const SORTS = ['createdAt', 'name', 'lastUsedAt', 'status'] as const;

function KeysTable({ accountId, attributes, canWrite }: { accountId: number; attributes: Attribute[]; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [state, setState] = useTableState({ sort: 'createdAt', desc: true });
  const keys = useQuery({
    ...trpc.rpdb.apiKey.page.queryOptions({ ...pageInput(state, SORTS), accountId }),
    placeholderData: keepPreviousData,
  });
  // The rights editor and the password form open below the table, full width (inside a cell the rights
  // matrix pushed the table past a 1440 px screen).
  const [open, setOpen] = useState<{ key: ApiKey; panel: 'rights' | 'authorise' } | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.rpdb.apiKey.pathKey() });
  const revoke = useMutation(
    trpc.rpdb.apiKey.revoke.mutationOptions({ onSuccess: (k) => toast({ message: `Key “${k.name}” revoked` }), onSettled: invalidate }),
  );
  const names = new Map(attributes.map((a) => [a.id, a.name]));
  const toggle = (key: ApiKey, panel: 'rights' | 'authorise') =>
    setOpen(open?.key.id === key.id && open.panel === panel ? null : { key, panel });

  const columns: Column<ApiKey>[] = [
    { id: 'name', header: 'Name', sortable: true, className: 'font-medium', cell: (k) => k.name },
    { id: 'prefix', header: 'Prefix', cell: (k) => <code className="font-mono text-xs">{k.prefix}…</code> },
    {
      id: 'status',
      header: 'Status',
      sortable: true,
      cell: (k) => (
        <div className="flex flex-col items-start gap-1">
          <Badge tone={k.status === 'active' ? 'green' : 'red'}>{k.status}</Badge>
          {k.privileged ? <Badge tone="indigo">privileged until {formatDateTime(k.privilegedUntil)}</Badge> : null}
        </div>
      ),
    },
    {
      id: 'rights',
      header: 'Explicit rights',
      cell: (k) =>
        k.rights.length === 0 ? (
          <span className="text-slate-600 dark:text-slate-300">defaults only</span>
        ) : (
          <ul className="flex max-w-xs flex-wrap gap-1">
            {k.rights.map((r) => (
              <li key={r.attributeId}>
                <Badge tone={r.right === 'none' ? 'slate' : 'indigo'}>
                  {names.get(r.attributeId) ?? r.attributeId}: {r.right}
                </Badge>
              </li>
            ))}
          </ul>
        ),
    },
    { id: 'lastUsedAt', header: 'Last used', sortable: true, cell: (k) => formatDateTime(k.lastUsedAt) },
  ];

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={revoke.error} title="Could not revoke the key" />
      <DataTable
        caption="RPdb API keys"
        columns={columns}
        {...bindTable(keys, [state, setState])}
        rowId={(k) => String(k.id)}
        rowTestId={(k) => `rpdb-key-row-${k.name}`}
        filterPlaceholder="key name or prefix"
        rowActions={
          canWrite
            ? (k) =>
                k.status === 'active' ? (
                  <div className="flex flex-wrap gap-2">
                    <Button variant="secondary" size="sm" onClick={() => toggle(k, 'rights')}>
                      Edit rights
                    </Button>
                    <Button variant="secondary" size="sm" onClick={() => toggle(k, 'authorise')}>
                      Authorise
                    </Button>
                    <ConfirmButton
                      label="Revoke"
                      title={`Revoke “${k.name}”?`}
                      confirmLabel="Revoke key"
                      onConfirm={() => revoke.mutate({ id: k.id })}
                    >
                      Clients using it get 401 from then on.
                    </ConfirmButton>
                  </div>
                ) : null
            : undefined
        }
      />
      {open?.panel === 'rights' ? (
        <Card title={`Rights of ${open.key.name}`}>
          <EditRights key={open.key.id} apiKey={open.key} attributes={attributes} onDone={() => setOpen(null)} />
        </Card>
      ) : null}
      {open?.panel === 'authorise' ? (
        <Card title={`Authorise ${open.key.name}`}>
          <Authorise key={open.key.id} apiKey={open.key} onDone={() => setOpen(null)} />
        </Card>
      ) : null}
    </div>
  );
}

function EditRights({ apiKey, attributes, onDone }: { apiKey: ApiKey; attributes: Attribute[]; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<RightsValue>(() => fromRights(apiKey.rights));
  const save = useMutation(
    trpc.rpdb.apiKey.setRights.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.rpdb.apiKey.pathKey() });
        onDone();
      },
    }),
  );
  return (
    <div className="flex flex-col gap-3">
      <RightsMatrix name={apiKey.name} attributes={attributes} value={value} onChange={setValue} disabled={save.isPending} />
      <ErrorAlert error={save.error} title="Could not save the rights" />
      <div className="flex gap-2">
        <Button size="sm" onClick={() => save.mutate({ id: apiKey.id, rights: toRights(value) })} disabled={save.isPending}>
          Save rights
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function Authorise({ apiKey, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const authorise = useMutation(
    trpc.rpdb.apiKey.authorize.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.rpdb.apiKey.pathKey() });
        onDone();
      },
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    authorise.mutate({ id: apiKey.id, password });
  }
  return (
    <form onSubmit={submit} aria-label={`Authorise ${apiKey.name}`} className="flex flex-wrap items-end gap-2">
      <Field id={`authorise-${apiKey.id}`} label="Account password">
        <Input id={`authorise-${apiKey.id}`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </Field>
      <Button type="submit" size="sm" disabled={authorise.isPending}>
        Make privileged
      </Button>
      <ErrorAlert error={authorise.error} title="Could not authorise the key" />
    </form>
  );
}
