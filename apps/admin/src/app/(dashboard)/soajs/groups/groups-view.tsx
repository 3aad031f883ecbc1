'use client';

import { SoajsAddGroupInput } from '@profilehub/api/contract/soajs';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, TextField, useCreateForm } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Card, Input, PageHeader } from '@/components/ui';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { type TenantChoice, WithSoajsTenant } from '../tenant-picker';

type Group = RouterOutputs['soajs']['group']['page']['items'][number];
const SORTS = ['code', 'name'] as const;

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
  const toast = useToast();
  const canWrite = useHasScope('soajs:write');
  const [state, setState] = useTableState({ sort: 'code' });
  const groups = useQuery({
    ...trpc.soajs.group.page.queryOptions({ ...pageInput(state, SORTS), tenantId: tenant.id }),
    placeholderData: keepPreviousData,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.soajs.group.pathKey() });
  const edit = useMutation(
    trpc.soajs.group.edit.mutationOptions({ onSuccess: () => toast({ message: 'Group renamed' }), onSettled: invalidate }),
  );
  const remove = useMutation(trpc.soajs.group.delete.mutationOptions({ onSettled: invalidate }));

  const columns: Column<Group>[] = [
    {
      id: 'code',
      header: 'Code',
      sortable: true,
      className: 'font-mono text-xs',
      cell: (g) => (
        <>
          {g.code} {g.locked ? <Badge tone="indigo">Locked</Badge> : null}
        </>
      ),
    },
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      cell: (g) =>
        canWrite ? (
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
        ),
    },
    { id: 'description', header: 'Description', cell: (g) => g.description },
  ];

  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <AddGroup tenant={tenant} onCreated={invalidate} /> : null}
      <ErrorAlert error={edit.error ?? remove.error} title="Group request failed" />
      <DataTable
        caption={`Groups of ${tenant.code}`}
        columns={columns}
        {...bindTable(groups, [state, setState])}
        rowId={(g) => g._id}
        rowTestId={(g) => `soajs-group-${g.code}`}
        filterPlaceholder="code, name or description"
        rowActions={
          canWrite
            ? (g) =>
                g.locked ? null : (
                  <ConfirmButton
                    label="Delete"
                    title={`Delete group “${g.code}”?`}
                    confirmLabel="Delete group"
                    onConfirm={() =>
                      remove.mutate({ gId: g._id, tenantId: tenant.id }, { onSuccess: () => toast({ message: `Deleted group ${g.code}` }) })
                    }
                  >
                    Its code is removed from every user of {tenant.code}.
                  </ConfirmButton>
                )
            : undefined
        }
      />
    </div>
  );
}

function AddGroup({ tenant, onCreated }: { tenant: TenantChoice; onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const empty = { tenantId: tenant.id, code: '', name: '', description: undefined };
  const add = useMutation(trpc.soajs.group.add.mutationOptions());
  const { form, submit } = useCreateForm(SoajsAddGroupInput, {
    empty,
    save: (input) => add.mutateAsync({ ...input, tenantId: tenant.id }),
    conflictField: 'code',
    saved: (group) => `Group ${group.code} added to ${tenant.code}`,
    after: onCreated,
  });

  return (
    <Card title={`Add a group to ${tenant.code}`}>
      <form onSubmit={submit} aria-label="Add a SOAJS group" className="flex flex-col gap-4" noValidate>
        <div className="grid gap-4 md:grid-cols-3">
          <TextField form={form} name="code" id="soajs-group-code" label="Code" hint="Letters and digits, up to 20" autoComplete="off" />
          <TextField form={form} name="name" id="soajs-group-name" label="Name" />
          <TextField form={form} name="description" id="soajs-group-description" label="Description" optional />
        </div>
        <FormFooter form={form} error={add.error} errorTitle="Could not add the group" label="Add group" busyLabel="Adding…" />
      </form>
    </Card>
  );
}
