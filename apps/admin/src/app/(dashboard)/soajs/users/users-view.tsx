'use client';

import { SoajsAddUserInput } from '@profilehub/api/contract/soajs';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, SelectField, TextField, useCreateForm } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { useRemoveEach, useToast } from '@/components/toast';
import { Badge, Button, Card, Field, PageHeader, Select } from '@/components/ui';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { type TenantChoice, WithSoajsTenant } from '../tenant-picker';
import { GroupsField } from './groups-field';

export function UsersView() {
  return (
    <>
      <PageHeader
        title="SOAJS users"
        description="URAC users of every tenant. Locked users are root records: only the root tenant may change them, and nobody may delete them."
      />
      <WithSoajsTenant>{(tenant) => <Users tenant={tenant} />}</WithSoajsTenant>
    </>
  );
}

type User = RouterOutputs['soajs']['user']['page']['items'][number];
const SORTS = ['username', 'email', 'name', 'status', 'tenant'] as const;

function Users({ tenant }: { tenant: TenantChoice }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useHasScope('soajs:write');
  const [state, setState] = useTableState({ sort: 'username', filters: ['tenant'] });
  const tenants = useQuery(trpc.soajs.tenant.list.queryOptions());
  const users = useQuery({
    ...trpc.soajs.user.page.queryOptions({ ...pageInput(state, SORTS), tenant: state.filters.tenant ?? '' }),
    placeholderData: keepPreviousData,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.soajs.user.pathKey() });
  const changeStatus = useMutation(
    trpc.soajs.user.changeStatus.mutationOptions({
      onSuccess: (_, v) => toast({ message: `Status set to ${v.status}` }),
      onSettled: invalidate,
    }),
  );
  const setLocked = useMutation(
    trpc.soajs.user.setLocked.mutationOptions({
      onSuccess: (_, v) => toast({ message: v.locked ? 'User locked' : 'User unlocked' }),
      onSettled: invalidate,
    }),
  );
  const remove = useMutation(trpc.soajs.user.delete.mutationOptions({ onSettled: invalidate }));

  const removeEach = useRemoveEach('user', 'users');
  async function deleteUsers(rows: User[], clear: () => void) {
    await removeEach(rows, (row) => remove.mutateAsync({ uId: row._id }));
    clear();
  }

  const columns: Column<User>[] = [
    {
      id: 'username',
      header: 'Username',
      sortable: true,
      cell: (u) => (
        <Link href={`/soajs/users/${u._id}`} className="font-medium text-indigo-800 hover:underline dark:text-indigo-200">
          {u.username}
        </Link>
      ),
    },
    { id: 'name', header: 'Name', sortable: true, cell: (u) => `${u.firstName} ${u.lastName}` },
    { id: 'email', header: 'Email', sortable: true, cell: (u) => u.email },
    { id: 'tenant', header: 'Tenant', sortable: true, cell: (u) => u.tenant.code },
    { id: 'groups', header: 'Groups', cell: (u) => u.groups.join(', ') },
    {
      id: 'status',
      header: 'Status',
      sortable: true,
      cell: (u) => (
        <Select
          aria-label={`Status of ${u.username}`}
          value={u.status}
          disabled={!canWrite || Boolean(u.locked) || changeStatus.isPending}
          onChange={(e) => changeStatus.mutate({ uId: u._id, status: e.target.value === 'active' ? 'active' : 'inactive' })}
          className="min-w-32"
        >
          <option value="active">active</option>
          <option value="inactive">inactive</option>
          <option value="pendingNew" disabled>
            pendingNew
          </option>
        </Select>
      ),
    },
    {
      id: 'lock',
      header: 'Lock',
      cell: (u) => (
        <div className="flex items-center gap-2">
          {u.locked ? <Badge tone="indigo">Locked</Badge> : <Badge>Unlocked</Badge>}
          {canWrite ? (
            <Button size="sm" variant="secondary" onClick={() => setLocked.mutate({ uId: u._id, locked: !u.locked })}>
              {u.locked ? 'Unlock' : 'Lock'}
            </Button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <AddUser tenant={tenant} onCreated={invalidate} /> : null}
      <ErrorAlert error={changeStatus.error ?? setLocked.error ?? remove.error} title="User request failed" />
      <DataTable
        caption="SOAJS users"
        columns={columns}
        {...bindTable(users, [state, setState])}
        rowId={(u) => u._id}
        rowTestId={(u) => `soajs-user-${u.username}`}
        filterPlaceholder="username, email, first or last name"
        toolbar={
          <Field id="soajs-user-tenant" label="Tenant">
            <Select
              id="soajs-user-tenant"
              value={state.filters.tenant ?? ''}
              onChange={(e) => setState({ filters: { tenant: e.target.value } })}
              className="min-w-40"
            >
              <option value="">Every tenant</option>
              {tenants.data?.map((t) => (
                <option key={t.id} value={t.code}>
                  {t.code}
                </option>
              ))}
            </Select>
          </Field>
        }
        bulkActions={
          canWrite
            ? (rows, clear) => {
                const deletable = rows.filter((u) => !u.locked);
                return (
                  <ConfirmButton
                    label={`Delete ${deletable.length}`}
                    title={`Delete ${deletable.length} user(s)?`}
                    confirmLabel="Delete users"
                    disabled={deletable.length === 0}
                    onConfirm={() => deleteUsers(deletable, clear)}
                  >
                    Locked (root) users are never deleted and stay selected.
                  </ConfirmButton>
                );
              }
            : undefined
        }
        rowActions={(u) => (
          <div className="flex items-center gap-2">
            <Link href={`/soajs/users/${u._id}`} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              Edit
            </Link>
            {canWrite && !u.locked ? (
              <ConfirmButton
                label="Delete"
                title={`Delete user “${u.username}”?`}
                confirmLabel="Delete user"
                onConfirm={() => remove.mutate({ uId: u._id }, { onSuccess: () => toast({ message: `Deleted ${u.username}` }) })}
              />
            ) : null}
          </div>
        )}
      />
    </div>
  );
}

function AddUser({ tenant, onCreated }: { tenant: TenantChoice; onCreated: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [groupsText, setGroupsText] = useState('');
  const add = useMutation(trpc.soajs.user.add.mutationOptions());
  const { form, submit } = useCreateForm(SoajsAddUserInput, {
    empty: { tenantId: tenant.id, username: '', firstName: '', lastName: '', email: '', status: 'pendingNew' as const },
    save: (input) => add.mutateAsync({ ...input, tenantId: tenant.id }),
    conflictField: 'username',
    saved: (_, input) => `User ${input.username} added to ${tenant.code}`,
    after: async () => {
      setGroupsText('');
      await onCreated();
    },
  });
  const status = form.watch('status');

  return (
    <Card title={`Add a user to ${tenant.code}`}>
      <form onSubmit={submit} aria-label="Add a SOAJS user" className="flex flex-col gap-4" noValidate>
        <div className="grid gap-4 md:grid-cols-3">
          <TextField form={form} name="username" id="soajs-user-username" label="Username" autoComplete="off" />
          <TextField form={form} name="firstName" id="soajs-user-first" label="First name" />
          <TextField form={form} name="lastName" id="soajs-user-last" label="Last name" />
          <TextField form={form} name="email" id="soajs-user-email" label="Email" type="email" />
          <GroupsField
            id="soajs-user-groups"
            hint="Group codes, comma separated"
            text={groupsText}
            onChange={(text, groups) => {
              setGroupsText(text);
              form.setValue('groups', groups.length > 0 ? groups : undefined, { shouldDirty: true });
            }}
          />
          <SelectField form={form} name="status" id="soajs-user-status" label="Status">
            <option value="pendingNew">pendingNew (sets own password)</option>
            <option value="active">active</option>
            <option value="inactive">inactive</option>
          </SelectField>
          {status !== 'pendingNew' ? (
            <>
              <TextField
                form={form}
                name="password"
                id="soajs-user-password"
                label="Password"
                type="password"
                autoComplete="new-password"
                optional
              />
              <TextField
                form={form}
                name="confirmation"
                id="soajs-user-confirmation"
                label="Confirm password"
                type="password"
                autoComplete="new-password"
                optional
              />
            </>
          ) : null}
        </div>
        <FormFooter form={form} error={add.error} errorTitle="Could not add the user" label="Add user" busyLabel="Adding…" />
      </form>
    </Card>
  );
}
