'use client';

import { AccountCreateInput } from '@profilehub/api/contract/account';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { SelectField, TextField, useCreateForm } from '@/components/form-kit';
import { SecretNotice } from '@/components/secret-notice';
import { useHasScope, useSession } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Button, Card, PageHeader, Select } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';

type Role = RouterInputs['account']['update']['role'] & string;
type Account = RouterOutputs['account']['page']['items'][number];

const roles = ['owner', 'admin', 'viewer'] as const satisfies readonly Role[];
const roleHelp: Record<Role, string> = {
  owner: 'everything, including other owners',
  admin: 'manage accounts (not owners) and tokens',
  viewer: 'read only',
};
const SORTS = ['username', 'displayName', 'role', 'status', 'createdAt'] as const;

export function AccountsView() {
  const canWrite = useHasScope('accounts:write');
  return (
    <>
      <PageHeader
        title="Accounts"
        description="People who can sign in to this workspace's admin console, and what their role lets them do."
      />
      <div className="flex flex-col gap-6">
        {canWrite ? <CreateAccount /> : null}
        <AccountsTable canWrite={canWrite} />
      </div>
    </>
  );
}

function CreateAccount() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const empty = { username: '', displayName: '', role: 'viewer' as const, password: undefined };
  const create = useMutation(trpc.account.create.mutationOptions());
  const { form, submit } = useCreateForm(AccountCreateInput, {
    empty,
    save: create.mutateAsync,
    conflictField: 'username',
    saved: (created) => `Account ${created.account.username} created`,
    after: () => queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() }),
  });
  const role = (form.watch('role') ?? 'viewer') as Role;

  return (
    <Card title="Add an account">
      <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" aria-label="Add an account" noValidate>
        <TextField form={form} name="username" id="new-username" label="Username" hint="Letters, digits and . _ @ -" autoComplete="off" />
        <TextField form={form} name="displayName" id="new-display-name" label="Display name" autoComplete="off" />
        <SelectField form={form} name="role" id="new-role" label="Role" hint={roleHelp[role]}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField
          form={form}
          name="password"
          id="new-password"
          label="Password (optional)"
          hint="At least 12 characters. Leave empty to generate one."
          type="password"
          autoComplete="new-password"
          optional
        />
        <div className="flex flex-col gap-3 md:col-span-2">
          {create.error && !form.formState.errors.username ? (
            <ErrorAlert error={create.error} title="Could not create the account" />
          ) : null}
          {create.data?.password ? (
            <SecretNotice
              tone="success"
              title={`Account ${create.data.account.username} created`}
              value={create.data.password}
              id="generated-password"
            >
              <p>Generated password — share it with the user now; it is not shown again:</p>
            </SecretNotice>
          ) : null}
          <div>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? 'Creating…' : 'Create account'}
            </Button>
          </div>
        </div>
      </form>
    </Card>
  );
}

function AccountsTable({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const me = useSession();
  const [state, setState] = useTableState({ sort: 'username' });
  const list = useQuery({ ...trpc.account.page.queryOptions(pageInput(state, SORTS)), placeholderData: keepPreviousData });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
  const update = useMutation(
    trpc.account.update.mutationOptions({
      onSuccess: (a) => toast({ message: `${a.username} is now ${a.role}` }),
      onSettled: invalidate,
    }),
  );
  const setDisabled = useMutation(
    trpc.account.setDisabled.mutationOptions({
      onSuccess: (a) => toast({ message: `${a.username} ${a.disabledAt ? 'disabled' : 'enabled'}` }),
      onSettled: invalidate,
    }),
  );

  const columns: Column<Account>[] = [
    {
      id: 'username',
      header: 'Username',
      sortable: true,
      className: 'font-medium',
      cell: (a) => (
        <>
          {a.username}
          {me.account?.id === a.id ? <span className="ml-2 text-xs text-slate-600 dark:text-slate-300">(you)</span> : null}
        </>
      ),
    },
    {
      id: 'displayName',
      header: 'Display name',
      sortable: true,
      cell: (a) => a.displayName || <span className="text-slate-600 dark:text-slate-300">—</span>,
    },
    {
      id: 'role',
      header: 'Role',
      sortable: true,
      cell: (a) =>
        canWrite ? (
          <Select
            aria-label={`Role of ${a.username}`}
            className="w-auto py-1"
            value={a.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: a.id, role: e.target.value as Role })}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        ) : (
          a.role
        ),
    },
    {
      id: 'status',
      header: 'Status',
      sortable: true,
      cell: (a) => (a.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>),
    },
    {
      id: 'createdAt',
      header: 'Created',
      sortable: true,
      className: 'whitespace-nowrap text-slate-600 dark:text-slate-300',
      cell: (a) => formatDateTime(a.createdAt),
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={update.error} title="Could not change the role" />
      <ErrorAlert error={setDisabled.error} title="Could not change the account status" />
      <DataTable
        caption="Accounts"
        columns={columns}
        {...bindTable(list, [state, setState])}
        rowId={(a) => a.id}
        rowTestId={(a) => `account-row-${a.username}`}
        filterPlaceholder="username or display name"
        rowActions={
          canWrite
            ? (a) =>
                a.disabledAt ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={setDisabled.isPending}
                    onClick={() => setDisabled.mutate({ id: a.id, disabled: false })}
                  >
                    Enable
                  </Button>
                ) : (
                  <ConfirmButton
                    label="Disable"
                    title={`Disable ${a.username}?`}
                    confirmLabel="Disable account"
                    disabled={setDisabled.isPending}
                    onConfirm={() => setDisabled.mutate({ id: a.id, disabled: true })}
                  >
                    They are signed out and cannot sign in or use their API tokens until the account is enabled again.
                  </ConfirmButton>
                )
            : undefined
        }
      />
    </div>
  );
}
