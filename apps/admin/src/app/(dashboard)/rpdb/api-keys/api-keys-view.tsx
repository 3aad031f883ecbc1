'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, Notice, PageHeader, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { WithRpdbAccount } from '../account-picker';
import { fromRights, RightsMatrix, type RightsValue, toRights } from './rights-matrix';

type ApiKey = RouterOutputs['rpdb']['apiKey']['list'][number];
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
  const keys = useQuery(trpc.rpdb.apiKey.list.queryOptions({ accountId }));
  const attributes = useQuery(trpc.rpdb.attribute.list.queryOptions({ accountId }));
  if (keys.isPending || attributes.isPending) return <Loading label="Loading API keys…" />;
  if (keys.error || attributes.error) return <ErrorAlert error={keys.error ?? attributes.error} title="Could not load API keys" />;
  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <CreateKey accountId={accountId} attributes={attributes.data} /> : null}
      {keys.data.length === 0 ? (
        <EmptyState title="No API keys yet" />
      ) : (
        <KeysTable accountId={accountId} keys={keys.data} attributes={attributes.data} canWrite={canWrite} />
      )}
    </div>
  );
}

function CreateKey({ accountId, attributes }: { accountId: number; attributes: Attribute[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [value, setValue] = useState<RightsValue>({});
  const create = useMutation(
    trpc.rpdb.apiKey.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setValue({});
        return queryClient.invalidateQueries({ queryKey: trpc.rpdb.apiKey.list.queryKey({ accountId }) });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ accountId, name, rights: toRights(value) });
  }

  return (
    <Card title="Create an API key">
      {create.data ? (
        <div className="mb-5">
          <Notice tone="warning" title={`Key “${create.data.apiKey.name}” created — copy it now, you won't see it again`}>
            <p className="mt-2 flex flex-wrap items-center gap-3">
              <code id="new-rpdb-key" data-testid="new-rpdb-key" className="rounded bg-white px-2 py-1 font-mono text-sm break-all">
                {create.data.key}
              </code>
              <CopyButton value={create.data.key} targetId="new-rpdb-key" label="Copy key" />
              <Button variant="ghost" size="sm" onClick={() => create.reset()}>
                Done
              </Button>
            </p>
          </Notice>
        </div>
      ) : null}
      <form onSubmit={submit} aria-label="Create an API key" className="flex flex-col gap-4">
        <Field id="rpdb-key-name" label="Key name">
          <Input id="rpdb-key-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} autoComplete="off" />
        </Field>
        <RightsMatrix name="new key" attributes={attributes} value={value} onChange={setValue} />
        <ErrorAlert error={create.error} title="Could not create the key" />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function KeysTable({
  accountId,
  keys,
  attributes,
  canWrite,
}: {
  accountId: number;
  keys: ApiKey[];
  attributes: Attribute[];
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<number | null>(null);
  const [authorising, setAuthorising] = useState<number | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.rpdb.apiKey.list.queryKey({ accountId }) });
  const revoke = useMutation(trpc.rpdb.apiKey.revoke.mutationOptions({ onSettled: invalidate }));
  const names = new Map(attributes.map((a) => [a.id, a.name]));

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={revoke.error} title="Could not revoke the key" />
      <Table caption="RPdb API keys">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Prefix</Th>
            <Th>Status</Th>
            <Th>Explicit rights</Th>
            <Th>Last used</Th>
            {canWrite ? <Th>Actions</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => (
            <tr key={k.id} data-testid={`rpdb-key-row-${k.name}`}>
              <Td className="font-medium">{k.name}</Td>
              <Td>
                <code className="font-mono text-xs">{k.prefix}…</code>
              </Td>
              <Td>
                <div className="flex flex-col items-start gap-1">
                  <Badge tone={k.status === 'active' ? 'green' : 'red'}>{k.status}</Badge>
                  {k.privileged ? <Badge tone="indigo">privileged until {formatDateTime(k.privilegedUntil)}</Badge> : null}
                </div>
              </Td>
              <Td>
                {k.rights.length === 0 ? (
                  <span className="text-slate-500">defaults only</span>
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
                )}
                {editing === k.id ? <EditRights apiKey={k} attributes={attributes} onDone={() => setEditing(null)} /> : null}
                {authorising === k.id ? <Authorise apiKey={k} onDone={() => setAuthorising(null)} /> : null}
              </Td>
              <Td>{formatDateTime(k.lastUsedAt)}</Td>
              {canWrite ? (
                <Td>
                  {k.status === 'active' ? (
                    <div className="flex flex-wrap gap-2">
                      <Button variant="secondary" size="sm" onClick={() => setEditing(editing === k.id ? null : k.id)}>
                        Edit rights
                      </Button>
                      <Button variant="secondary" size="sm" onClick={() => setAuthorising(authorising === k.id ? null : k.id)}>
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
                  ) : null}
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
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
        await queryClient.invalidateQueries({ queryKey: trpc.rpdb.apiKey.list.queryKey({ accountId: apiKey.accountId }) });
        onDone();
      },
    }),
  );
  return (
    <div className="mt-3 flex flex-col gap-3">
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
        await queryClient.invalidateQueries({ queryKey: trpc.rpdb.apiKey.list.queryKey({ accountId: apiKey.accountId }) });
        onDone();
      },
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    authorise.mutate({ id: apiKey.id, password });
  }
  return (
    <form onSubmit={submit} aria-label={`Authorise ${apiKey.name}`} className="mt-3 flex flex-wrap items-end gap-2">
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
