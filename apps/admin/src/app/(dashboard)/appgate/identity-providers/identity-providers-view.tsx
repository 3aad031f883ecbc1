'use client';

import { AppgateIdentityProviderCreateInput } from '@profilehub/api/contract/appgate';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, SelectField, TextField, useCreateForm } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { Badge, Card, Loading, PageHeader, Table, Td, Th } from '@/components/ui';
import { useTRPC } from '@/trpc/client';

const types = AppgateIdentityProviderCreateInput.shape.type.options;
const empty = { name: '', type: 'Ldap' as const, notes: '' };

export function IdentityProvidersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('appgate:write');
  const list = useQuery(trpc.appgate.identityProvider.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.appgate.identityProvider.list.queryKey() });
  const remove = useMutation(trpc.appgate.identityProvider.delete.mutationOptions({ onSettled: invalidate }));
  const create = useMutation(trpc.appgate.identityProvider.create.mutationOptions());
  const { form, submit } = useCreateForm(AppgateIdentityProviderCreateInput, {
    empty,
    save: create.mutateAsync,
    conflictField: 'name',
    saved: (provider) => `Added ${provider.name}`,
    after: invalidate,
  });

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
            <form onSubmit={submit} className="grid items-end gap-4 md:grid-cols-4" aria-label="Add an identity provider" noValidate>
              <TextField form={form} name="name" id="idp-name" label="Name" maxLength={255} />
              <SelectField form={form} name="type" id="idp-type" label="Type">
                {types.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </SelectField>
              <TextField form={form} name="notes" id="idp-notes" label="Notes" />
              <FormFooter
                form={form}
                error={create.error}
                errorTitle="Could not add the provider"
                label="Add provider"
                busyLabel="Adding…"
              />
            </form>
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
