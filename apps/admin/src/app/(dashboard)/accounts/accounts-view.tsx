'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope, useSession } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, Notice, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';

type Role = RouterInputs['account']['update']['role'] & string;
type Account = RouterOutputs['account']['list'][number];

const roles = ['owner', 'admin', 'viewer'] as const satisfies readonly Role[];
const roleHelp: Record<Role, string> = {
  owner: 'everything, including other owners',
  admin: 'manage accounts (not owners) and tokens',
  viewer: 'read only',
};

export function AccountsView() {
  const trpc = useTRPC();
  const canWrite = useHasScope('accounts:write');
  const accounts = useQuery(trpc.account.list.queryOptions());

  return (
    <>
      <PageHeader
        title="Accounts"
        description="People who can sign in to this workspace's admin console, and what their role lets them do."
      />
      <div className="flex flex-col gap-6">
        {canWrite ? <CreateAccount /> : null}
        <ErrorAlert error={accounts.error} title="Could not load accounts" />
        {accounts.isPending ? (
          <Loading label="Loading accounts…" />
        ) : accounts.data?.length === 0 ? (
          <EmptyState title="No accounts yet" />
        ) : accounts.data ? (
          <AccountsTable accounts={accounts.data} canWrite={canWrite} />
        ) : null}
      </div>
    </>
  );
}

function CreateAccount() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const create = useMutation(
    trpc.account.create.mutationOptions({
      onSuccess: () => {
        setUsername('');
        setDisplayName('');
        setPassword('');
        setRole('viewer');
        return queryClient.invalidateQueries({ queryKey: trpc.account.list.queryKey() });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ username, displayName, role, password: password === '' ? undefined : password });
  }

  return (
    <Card title="Add an account">
      <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" aria-label="Add an account">
        <Field id="new-username" label="Username" hint="Letters, digits and . _ @ -">
          <Input id="new-username" value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
        </Field>
        <Field id="new-display-name" label="Display name">
          <Input id="new-display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="new-role" label="Role" hint={roleHelp[role]}>
          <Select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="new-password" label="Password (optional)" hint="At least 12 characters. Leave empty to generate one.">
          <Input
            id="new-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
          />
        </Field>
        <div className="flex flex-col gap-3 md:col-span-2">
          <ErrorAlert error={create.error} title="Could not create the account" />
          {create.data ? (
            <Notice tone="success" title={`Account ${create.data.account.username} created`}>
              {create.data.password ? (
                <>
                  <p>Generated password — share it with the user now; it is not shown again:</p>
                  <p className="mt-2 flex flex-wrap items-center gap-3">
                    <code id="generated-password" className="rounded bg-white px-2 py-1 font-mono text-sm ring-1 ring-emerald-200">
                      {create.data.password}
                    </code>
                    <CopyButton value={create.data.password} targetId="generated-password" />
                  </p>
                </>
              ) : null}
            </Notice>
          ) : null}
          <div>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create account'}
            </Button>
          </div>
        </div>
      </form>
    </Card>
  );
}

function AccountsTable({ accounts, canWrite }: { accounts: Account[]; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSession();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.account.list.queryKey() });
  const update = useMutation(trpc.account.update.mutationOptions({ onSettled: invalidate }));
  const setDisabled = useMutation(trpc.account.setDisabled.mutationOptions({ onSettled: invalidate }));

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={update.error} title="Could not change the role" />
      <ErrorAlert error={setDisabled.error} title="Could not change the account status" />
      <Table caption="Accounts">
        <thead>
          <tr>
            <Th>Username</Th>
            <Th>Display name</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Created</Th>
            {canWrite ? <Th>Actions</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {accounts.map((account) => {
            const isMe = me.account?.id === account.id;
            return (
              <tr key={account.id}>
                <Td className="font-medium">
                  {account.username}
                  {isMe ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
                </Td>
                <Td>{account.displayName || <span className="text-slate-600">—</span>}</Td>
                <Td>
                  {canWrite ? (
                    <>
                      <label htmlFor={`role-${account.id}`} className="sr-only">
                        Role of {account.username}
                      </label>
                      <Select
                        id={`role-${account.id}`}
                        className="w-auto py-1"
                        value={account.role}
                        disabled={update.isPending}
                        onChange={(e) => update.mutate({ id: account.id, role: e.target.value as Role })}
                      >
                        {roles.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </Select>
                    </>
                  ) : (
                    account.role
                  )}
                </Td>
                <Td>{account.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</Td>
                <Td className="whitespace-nowrap text-slate-600">{formatDateTime(account.createdAt)}</Td>
                {canWrite ? (
                  <Td>
                    {account.disabledAt ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        disabled={setDisabled.isPending}
                        onClick={() => setDisabled.mutate({ id: account.id, disabled: false })}
                      >
                        Enable
                      </Button>
                    ) : (
                      <ConfirmButton
                        label="Disable"
                        title={`Disable ${account.username}?`}
                        confirmLabel="Disable account"
                        disabled={setDisabled.isPending}
                        onConfirm={() => setDisabled.mutate({ id: account.id, disabled: true })}
                      >
                        They are signed out and cannot sign in or use their API tokens until the account is enabled again.
                      </ConfirmButton>
                    )}
                  </Td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
