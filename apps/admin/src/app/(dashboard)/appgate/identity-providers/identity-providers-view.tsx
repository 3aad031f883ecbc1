'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, Field, Input, Loading, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs } from '@/trpc/types';

type IdpType = RouterInputs['appgate']['identityProvider']['create']['type'];
const types: IdpType[] = ['LocalDatabase', 'Ldap', 'Radius', 'Saml', 'Oidc'];

export function IdentityProvidersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('appgate:write');
  const list = useQuery(trpc.appgate.identityProvider.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.appgate.identityProvider.list.queryKey() });
  const create = useMutation(trpc.appgate.identityProvider.create.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.appgate.identityProvider.delete.mutationOptions({ onSettled: invalidate }));
  const [name, setName] = useState('');
  const [type, setType] = useState<IdpType>('Ldap');
  const [notes, setNotes] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name, type, notes }, { onSuccess: () => setName('') });
  }

  return (
    <>
      <PageHeader
        title="Appgate identity providers"
        description={
          <>
            Client profiles and admin users refer to these by name. <code>local</code> always exists; a provider in use cannot be deleted.
          </>
        }
      />
      <div className="flex flex-col gap-6">
        {canWrite ? (
          <Card title="Add an identity provider">
            <form onSubmit={submit} className="grid items-end gap-4 md:grid-cols-4" aria-label="Add an identity provider">
              <Field id="idp-name" label="Name">
                <Input id="idp-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={255} />
              </Field>
              <Field id="idp-type" label="Type">
                <Select id="idp-type" value={type} onChange={(e) => setType(e.target.value as IdpType)}>
                  {types.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </Select>
              </Field>
              <Field id="idp-notes" label="Notes">
                <Input id="idp-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
              </Field>
              <div>
                <Button type="submit" disabled={create.isPending}>
                  Add provider
                </Button>
              </div>
            </form>
            <div className="mt-3">
              <ErrorAlert error={create.error} title="Could not add the provider" />
            </div>
          </Card>
        ) : null}
        <ErrorAlert error={list.error ?? remove.error} title="Appgate identity providers" />
        {list.isPending ? (
          <Loading />
        ) : list.data ? (
          <Table caption="Identity providers">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Type</Th>
                <Th>Notes</Th>
                <Th>Client profiles</Th>
                {canWrite ? <Th>Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {list.data.map((p) => (
                <tr key={p.id} data-testid={`idp-row-${p.name}`}>
                  <Td className="font-medium">{p.name}</Td>
                  <Td>
                    <Badge>{p.type}</Badge>
                  </Td>
                  <Td>{p.notes}</Td>
                  <Td>{p.inUse}</Td>
                  {canWrite ? (
                    <Td>
                      {p.name === 'local' ? null : (
                        <ConfirmButton
                          label="Delete"
                          title={`Delete “${p.name}”?`}
                          confirmLabel="Delete provider"
                          onConfirm={() => remove.mutate({ id: p.id })}
                        />
                      )}
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </div>
    </>
  );
}
