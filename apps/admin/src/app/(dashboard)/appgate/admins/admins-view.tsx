'use client';

import { AppgateAdminCreateInput } from '@profilehub/api/contract/appgate';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, TextField, useCreateForm } from '@/components/form-kit';
import { SecretNotice } from '@/components/secret-notice';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Button, Card, EmptyState, Loading, PageHeader, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';

type Admin = RouterOutputs['appgate']['admin']['list'][number];
type PrivilegeType = NonNullable<RouterInputs['appgate']['admin']['create']['privileges']>[number]['type'];
const privilegeTypes: PrivilegeType[] = ['All', 'View', 'Create', 'Edit', 'Delete', 'Export'];

/** Privileges on client profiles, edited as a set of types (target ClientProfile; `All` on everything). */
function toPrivileges(types: PrivilegeType[]) {
  return types.map((type) => ({ type, target: type === 'All' ? ('All' as const) : ('ClientProfile' as const) }));
}

function PrivilegePicker({
  idPrefix,
  value,
  onChange,
  disabled,
}: {
  idPrefix: string;
  value: PrivilegeType[];
  onChange(v: PrivilegeType[]): void;
  disabled?: boolean;
}) {
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1">
      {privilegeTypes.map((t) => (
        <label key={t} className="inline-flex items-center gap-1.5 text-sm" htmlFor={`${idPrefix}-${t}`}>
          <input
            id={`${idPrefix}-${t}`}
            type="checkbox"
            className="size-4 accent-indigo-600"
            disabled={disabled}
            checked={value.includes(t)}
            onChange={(e) => onChange(e.target.checked ? [...value, t] : value.filter((x) => x !== t))}
          />
          {t}
        </label>
      ))}
    </div>
  );
}

export function AppgateAdminsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('appgate:write');
  const list = useQuery(trpc.appgate.admin.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.appgate.admin.list.queryKey() });
  // The password is left out: the API generates one and shows it once.
  const create = useMutation(trpc.appgate.admin.create.mutationOptions());
  const { form, submit } = useCreateForm(AppgateAdminCreateInput, {
    empty: { username: '', privileges: toPrivileges(['View']) },
    save: create.mutateAsync,
    conflictField: 'username',
    saved: ({ admin }) => `Added ${admin.username}`,
    after: invalidate,
  });
  const types = (form.watch('privileges') ?? []).map((p) => p.type);

  return (
    <>
      <PageHeader
        title="Appgate admin users"
        description="Who may log in at POST /admin/login (provider local) and what they may do with client profiles."
      />
      <div className="flex flex-col gap-6">
        {canWrite ? (
          <Card title="Add an admin user">
            {create.data?.password ? (
              <div className="mb-4">
                <SecretNotice
                  title={`Password for ${create.data.admin.username} — copy it now, it is shown once`}
                  value={create.data.password}
                  id="new-admin-password"
                  copyLabel="Copy password"
                />
              </div>
            ) : null}
            <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Add an admin user" noValidate>
              <TextField form={form} name="username" id="ag-username" label="Username" maxLength={128} />
              <fieldset>
                <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Privileges</legend>
                <PrivilegePicker
                  idPrefix="ag-new"
                  value={types}
                  onChange={(next) => form.setValue('privileges', toPrivileges(next), { shouldDirty: true })}
                />
              </fieldset>
              <FormFooter form={form} error={create.error} errorTitle="Could not add the admin" label="Add admin" busyLabel="Adding…" />
            </form>
          </Card>
        ) : null}
        <ErrorAlert error={list.error} title="Could not load admin users" />
        {list.isPending ? (
          <Loading label="Loading admin users…" />
        ) : list.data?.length === 0 ? (
          <EmptyState title="No admin users yet">Nobody can sign in at POST /admin/login until one is added.</EmptyState>
        ) : list.data ? (
          <AdminsTable admins={list.data} canWrite={canWrite} />
        ) : null}
      </div>
    </>
  );
}

function AdminsTable({ admins, canWrite }: { admins: Admin[]; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.appgate.admin.list.queryKey() });
  const toast = useToast();
  const update = useMutation(
    trpc.appgate.admin.update.mutationOptions({
      onSuccess: (admin, input) =>
        toast({
          message:
            input.disabled !== undefined
              ? `${input.disabled ? 'Disabled' : 'Enabled'} ${admin.username}`
              : `Privileges of ${admin.username}: ${admin.privileges.map((p) => p.type).join(', ') || 'none'}`,
        }),
      onSettled: invalidate,
    }),
  );
  const remove = useMutation(
    trpc.appgate.admin.delete.mutationOptions({
      onSuccess: () => toast({ message: 'Deleted the admin' }),
      onSettled: invalidate,
    }),
  );
  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={update.error ?? remove.error} title="Could not change the admin" />
      <Table caption="Admin users">
        <thead>
          <tr>
            <Th>Username</Th>
            <Th>Provider</Th>
            <Th>Privileges</Th>
            <Th>Status</Th>
            <Th>Created</Th>
            {canWrite ? <Th>Actions</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {admins.map((a) => (
            <tr key={a.id} data-testid={`admin-row-${a.username}`}>
              <Td className="font-medium">{a.username}</Td>
              <Td>{a.providerName}</Td>
              <Td>
                {/* One picker per row: the legend tells a screen reader whose "All"/"View"/… this is. */}
                <fieldset>
                  <legend className="sr-only">Privileges of {a.username}</legend>
                  <PrivilegePicker
                    idPrefix={`ag-${a.id}`}
                    disabled={!canWrite || update.isPending}
                    value={a.privileges.map((p) => p.type)}
                    onChange={(types) => update.mutate({ id: a.id, privileges: toPrivileges(types) })}
                  />
                </fieldset>
              </Td>
              <Td>{a.disabledAt ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</Td>
              <Td>{formatDateTime(a.createdAt)}</Td>
              {canWrite ? (
                <Td className="flex gap-2">
                  <Button variant="secondary" size="sm" onClick={() => update.mutate({ id: a.id, disabled: !a.disabledAt })}>
                    {a.disabledAt ? 'Enable' : 'Disable'}
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    title={`Delete ${a.username}?`}
                    confirmLabel="Delete admin"
                    onConfirm={() => remove.mutate({ id: a.id })}
                  >
                    Their tokens stop working at once.
                  </ConfirmButton>
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
