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

type Secret = { title: string; value: string };

export function TenantsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('soajs:write');
  const tenants = useQuery(trpc.soajs.tenant.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.soajs.tenant.list.queryKey() });
  const [secret, setSecret] = useState<Secret | null>(null);
  const createKey = useMutation(
    trpc.soajs.tenant.createKey.mutationOptions({
      onSuccess: (res) => setSecret({ title: 'External key created — copy it now, you won’t see it again', value: res.key }),
      onSettled: invalidate,
    }),
  );
  const createToken = useMutation(
    trpc.soajs.tenant.createAccessToken.mutationOptions({
      onSuccess: (res) => setSecret({ title: 'Access token created — copy it now, you won’t see it again', value: res.accessToken }),
      onSettled: invalidate,
    }),
  );
  const revokeKey = useMutation(trpc.soajs.tenant.revokeKey.mutationOptions({ onSettled: invalidate }));
  const revokeToken = useMutation(trpc.soajs.tenant.revokeAccessToken.mutationOptions({ onSettled: invalidate }));
  const update = useMutation(trpc.soajs.tenant.update.mutationOptions({ onSettled: invalidate }));

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
        {secret ? (
          <Notice tone="warning" title={secret.title}>
            <div className="flex flex-wrap items-center gap-3">
              <code id="soajs-new-secret" className="break-all rounded bg-white px-2 py-1 font-mono text-xs">
                {secret.value}
              </code>
              <CopyButton value={secret.value} targetId="soajs-new-secret" />
            </div>
          </Notice>
        ) : null}
        <ErrorAlert
          error={tenants.error ?? createKey.error ?? createToken.error ?? revokeKey.error ?? revokeToken.error ?? update.error}
          title="Tenant request failed"
        />
        {tenants.isPending ? (
          <Loading label="Loading tenants…" />
        ) : tenants.data?.length === 0 ? (
          <EmptyState title="No tenants yet" />
        ) : (
          tenants.data?.map((t) => (
            <Card key={t.id} title={`${t.code} — ${t.name}`} description={t.description || undefined}>
              <div className="flex flex-col gap-4" data-testid={`soajs-tenant-${t.code}`}>
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <span className="font-mono text-xs text-slate-600">id {t.id}</span>
                  {t.locked ? <Badge tone="indigo">Root (locked)</Badge> : <Badge>Ordinary</Badge>}
                  {canWrite ? (
                    <>
                      <Button size="sm" variant="secondary" onClick={() => update.mutate({ id: t.id, locked: !t.locked })}>
                        {t.locked ? 'Make ordinary' : 'Make root'}
                      </Button>
                      <Button size="sm" onClick={() => createKey.mutate({ tenantId: t.id, label: 'admin' })}>
                        New external key
                      </Button>
                      <Button size="sm" onClick={() => createToken.mutate({ tenantId: t.id, label: 'admin' })}>
                        New access token
                      </Button>
                    </>
                  ) : null}
                </div>
                <Table caption={`External keys of ${t.code}`}>
                  <thead>
                    <tr>
                      <Th>Key</Th>
                      <Th>Label</Th>
                      <Th>Created</Th>
                      <Th>Status</Th>
                      {canWrite ? <Th>Actions</Th> : null}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {t.keys.length === 0 ? (
                      <tr>
                        <Td colSpan={canWrite ? 5 : 4} className="text-slate-500">
                          No external keys yet.
                        </Td>
                      </tr>
                    ) : null}
                    {t.keys.map((k) => (
                      <tr key={k.id}>
                        <Td className="font-mono text-xs">{k.prefix}…</Td>
                        <Td>{k.label}</Td>
                        <Td>{formatDateTime(k.createdAt)}</Td>
                        <Td>{k.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}</Td>
                        {canWrite ? (
                          <Td>
                            {k.revokedAt ? null : (
                              <ConfirmButton
                                label="Revoke"
                                title={`Revoke key ${k.prefix}…?`}
                                confirmLabel="Revoke key"
                                onConfirm={() => revokeKey.mutate({ id: k.id })}
                              >
                                Clients using it get 132 from then on.
                              </ConfirmButton>
                            )}
                          </Td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </Table>
                <Table caption={`Access tokens of ${t.code}`}>
                  <thead>
                    <tr>
                      <Th>Access token</Th>
                      <Th>Label</Th>
                      <Th>Expires</Th>
                      <Th>Status</Th>
                      {canWrite ? <Th>Actions</Th> : null}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {t.accessTokens.length === 0 ? (
                      <tr>
                        <Td colSpan={canWrite ? 5 : 4} className="text-slate-500">
                          No access tokens yet.
                        </Td>
                      </tr>
                    ) : null}
                    {t.accessTokens.map((k) => (
                      <tr key={k.id}>
                        <Td className="font-mono text-xs">{k.prefix}…</Td>
                        <Td>{k.label}</Td>
                        <Td>{k.expiresAt ? formatDateTime(k.expiresAt) : 'never'}</Td>
                        <Td>
                          <Badge tone={k.status === 'active' ? 'green' : 'red'}>{k.status}</Badge>
                        </Td>
                        {canWrite ? (
                          <Td>
                            {k.status === 'revoked' ? null : (
                              <ConfirmButton
                                label="Revoke"
                                title={`Revoke token ${k.prefix}…?`}
                                confirmLabel="Revoke token"
                                onConfirm={() => revokeToken.mutate({ id: k.id })}
                              >
                                Clients using it get 401 from then on.
                              </ConfirmButton>
                            )}
                          </Td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
            </Card>
          ))
        )}
      </div>
    </>
  );
}

function CreateTenant({ onCreated }: { onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [locked, setLocked] = useState(false);
  const create = useMutation(
    trpc.soajs.tenant.create.mutationOptions({
      onSuccess: () => {
        setCode('');
        setName('');
        setDescription('');
        setLocked(false);
        return onCreated();
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ code, name, description, locked });
  }

  return (
    <Card title="Create a tenant">
      <form onSubmit={submit} aria-label="Create a tenant" className="flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="soajs-tenant-code" label="Code" hint="2–20 letters, digits, _ or -">
            <Input
              id="soajs-tenant-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              maxLength={20}
              autoComplete="off"
            />
          </Field>
          <Field id="soajs-tenant-name" label="Name">
            <Input id="soajs-tenant-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
          </Field>
          <Field id="soajs-tenant-description" label="Description">
            <Input id="soajs-tenant-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={locked} onChange={(e) => setLocked(e.target.checked)} />
          Root tenant (locked): may change locked users
        </label>
        <ErrorAlert error={create.error} title="Could not create the tenant" />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create tenant'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
