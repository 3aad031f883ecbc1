'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, PageHeader, Table, Td, Th } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import { type TenantChoice, WithSoajsTenant } from '../tenant-picker';

export function GroupsView() {
  return (
    <>
      <PageHeader
        title="SOAJS groups"
        description="Groups belong to a tenant; users list group codes. Deleting a group removes its code from the tenant's users."
      />
      <WithSoajsTenant>{(tenant) => <Groups tenant={tenant} />}</WithSoajsTenant>
    </>
  );
}

function Groups({ tenant }: { tenant: TenantChoice }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('soajs:write');
  const groups = useQuery(trpc.soajs.group.list.queryOptions({ tenantId: tenant.id }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.soajs.group.list.queryKey() });
  const edit = useMutation(trpc.soajs.group.edit.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.soajs.group.delete.mutationOptions({ onSettled: invalidate }));

  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <AddGroup tenant={tenant} onCreated={invalidate} /> : null}
      <ErrorAlert error={groups.error ?? edit.error ?? remove.error} title="Group request failed" />
      {groups.isPending ? (
        <Loading label="Loading groups…" />
      ) : groups.data?.length === 0 ? (
        <EmptyState title={`No groups in ${tenant.code} yet`} />
      ) : groups.data ? (
        <Table caption={`Groups of ${tenant.code}`}>
          <thead>
            <tr>
              <Th>Code</Th>
              <Th>Name</Th>
              <Th>Description</Th>
              {canWrite ? <Th>Actions</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {groups.data.map((g) => (
              <tr key={g._id} data-testid={`soajs-group-${g.code}`}>
                <Td className="font-mono text-xs">
                  {g.code} {g.locked ? <Badge tone="indigo">Locked</Badge> : null}
                </Td>
                <Td>
                  {canWrite ? (
                    <Input
                      aria-label={`Name of ${g.code}`}
                      defaultValue={g.name}
                      onBlur={(e) => {
                        if (e.target.value !== g.name && e.target.value.trim() !== '')
                          edit.mutate({ gId: g._id, name: e.target.value, tenantId: tenant.id });
                      }}
                    />
                  ) : (
                    g.name
                  )}
                </Td>
                <Td>{g.description}</Td>
                {canWrite ? (
                  <Td>
                    {g.locked ? null : (
                      <ConfirmButton
                        label="Delete"
                        title={`Delete group “${g.code}”?`}
                        confirmLabel="Delete group"
                        onConfirm={() => remove.mutate({ gId: g._id, tenantId: tenant.id })}
                      >
                        Its code is removed from every user of {tenant.code}.
                      </ConfirmButton>
                    )}
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </div>
  );
}

function AddGroup({ tenant, onCreated }: { tenant: TenantChoice; onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const add = useMutation(
    trpc.soajs.group.add.mutationOptions({
      onSuccess: () => {
        setCode('');
        setName('');
        setDescription('');
        return onCreated();
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate({ tenantId: tenant.id, code, name, ...(description && { description }) });
  }

  return (
    <Card title={`Add a group to ${tenant.code}`}>
      <form onSubmit={submit} aria-label="Add a SOAJS group" className="flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="soajs-group-code" label="Code" hint="Letters and digits, up to 20">
            <Input
              id="soajs-group-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              maxLength={20}
              autoComplete="off"
            />
          </Field>
          <Field id="soajs-group-name" label="Name">
            <Input id="soajs-group-name" value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <Field id="soajs-group-description" label="Description">
            <Input id="soajs-group-description" value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
        </div>
        <ErrorAlert error={add.error} title="Could not add the group" />
        <div>
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add group'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
