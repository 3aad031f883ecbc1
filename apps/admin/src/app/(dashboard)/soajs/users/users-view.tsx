'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import { type TenantChoice, WithSoajsTenant } from '../tenant-picker';

const PAGE = 100;

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

function Users({ tenant }: { tenant: TenantChoice }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('soajs:write');
  const [search, setSearch] = useState('');
  const [keywords, setKeywords] = useState('');
  const [start, setStart] = useState(0);
  const listInput = { start, limit: PAGE, ...(keywords && { keywords }) };
  const users = useQuery(trpc.soajs.user.list.queryOptions(listInput));
  const count = useQuery(trpc.soajs.user.count.queryOptions({ ...(keywords && { keywords }), tenantId: tenant.id }));
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.soajs.user.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.soajs.user.count.queryKey() }),
    ]);
  const changeStatus = useMutation(trpc.soajs.user.changeStatus.mutationOptions({ onSettled: invalidate }));
  const setLocked = useMutation(trpc.soajs.user.setLocked.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.soajs.user.delete.mutationOptions({ onSettled: invalidate }));

  function submitSearch(e: FormEvent) {
    e.preventDefault();
    setStart(0);
    setKeywords(search.trim());
  }

  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <AddUser tenant={tenant} onCreated={invalidate} /> : null}
      <form onSubmit={submitSearch} aria-label="Search users" className="flex flex-wrap items-end gap-3">
        <Field id="soajs-user-search" label="Keywords" hint="Matches username, email, first or last name (case-insensitive).">
          <Input id="soajs-user-search" value={search} onChange={(e) => setSearch(e.target.value)} className="w-72" />
        </Field>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <p className="text-sm text-slate-600" data-testid="soajs-user-count">
          {count.data ? `${count.data.count} matching user(s) in ${tenant.code}` : ''}
        </p>
      </form>
      <ErrorAlert error={users.error ?? changeStatus.error ?? setLocked.error ?? remove.error} title="User request failed" />
      {users.isPending ? (
        <Loading label="Loading users…" />
      ) : users.data?.length === 0 ? (
        <EmptyState title="No users found" />
      ) : users.data ? (
        <>
          <Table caption="SOAJS users">
            <thead>
              <tr>
                <Th>Username</Th>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Tenant</Th>
                <Th>Groups</Th>
                <Th>Status</Th>
                <Th>Lock</Th>
                <Th>Actions</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.data.map((u) => (
                <tr key={u._id} data-testid={`soajs-user-${u.username}`}>
                  <Td className="font-medium">{u.username}</Td>
                  <Td>
                    {u.firstName} {u.lastName}
                  </Td>
                  <Td>{u.email}</Td>
                  <Td>{u.tenant.code}</Td>
                  <Td>{u.groups.join(', ')}</Td>
                  <Td>
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
                  </Td>
                  <Td>
                    <div className="flex items-center gap-2">
                      {u.locked ? <Badge tone="indigo">Locked</Badge> : <Badge>Unlocked</Badge>}
                      {canWrite ? (
                        <Button size="sm" variant="secondary" onClick={() => setLocked.mutate({ uId: u._id, locked: !u.locked })}>
                          {u.locked ? 'Unlock' : 'Lock'}
                        </Button>
                      ) : null}
                    </div>
                  </Td>
                  <Td>
                    <div className="flex items-center gap-2">
                      <Link href={`/soajs/users/${u._id}`} className="text-sm font-medium text-indigo-700 hover:underline">
                        Edit config
                      </Link>
                      {canWrite && !u.locked ? (
                        <ConfirmButton
                          label="Delete"
                          title={`Delete user “${u.username}”?`}
                          confirmLabel="Delete user"
                          onConfirm={() => remove.mutate({ uId: u._id })}
                        />
                      ) : null}
                    </div>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="flex items-center gap-3">
            <Button variant="secondary" size="sm" disabled={start === 0} onClick={() => setStart(Math.max(0, start - PAGE))}>
              Previous
            </Button>
            <Button variant="secondary" size="sm" disabled={users.data.length < PAGE} onClick={() => setStart(start + PAGE)}>
              Next
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}

function AddUser({ tenant, onCreated }: { tenant: TenantChoice; onCreated: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const empty = { username: '', firstName: '', lastName: '', email: '', groups: '', password: '', confirmation: '' };
  const [form, setForm] = useState(empty);
  const [status, setStatus] = useState<'pendingNew' | 'active' | 'inactive'>('pendingNew');
  const add = useMutation(
    trpc.soajs.user.add.mutationOptions({
      onSuccess: () => {
        setForm(empty);
        return onCreated();
      },
    }),
  );
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const groups = form.groups
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    add.mutate({
      tenantId: tenant.id,
      username: form.username,
      firstName: form.firstName,
      lastName: form.lastName,
      email: form.email,
      status,
      ...(groups.length > 0 && { groups }),
      ...(status !== 'pendingNew' && { password: form.password, confirmation: form.confirmation }),
    });
  }

  return (
    <Card title={`Add a user to ${tenant.code}`}>
      <form onSubmit={submit} aria-label="Add a SOAJS user" className="flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="soajs-user-username" label="Username">
            <Input id="soajs-user-username" value={form.username} onChange={set('username')} required autoComplete="off" />
          </Field>
          <Field id="soajs-user-first" label="First name">
            <Input id="soajs-user-first" value={form.firstName} onChange={set('firstName')} required />
          </Field>
          <Field id="soajs-user-last" label="Last name">
            <Input id="soajs-user-last" value={form.lastName} onChange={set('lastName')} required />
          </Field>
          <Field id="soajs-user-email" label="Email">
            <Input id="soajs-user-email" type="email" value={form.email} onChange={set('email')} required />
          </Field>
          <Field id="soajs-user-groups" label="Groups" hint="Group codes, comma separated">
            <Input id="soajs-user-groups" value={form.groups} onChange={set('groups')} />
          </Field>
          <Field id="soajs-user-status" label="Status">
            <Select id="soajs-user-status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              <option value="pendingNew">pendingNew (sets own password)</option>
              <option value="active">active</option>
              <option value="inactive">inactive</option>
            </Select>
          </Field>
          {status !== 'pendingNew' ? (
            <>
              <Field id="soajs-user-password" label="Password">
                <Input
                  id="soajs-user-password"
                  type="password"
                  value={form.password}
                  onChange={set('password')}
                  required
                  autoComplete="new-password"
                />
              </Field>
              <Field id="soajs-user-confirmation" label="Confirm password">
                <Input
                  id="soajs-user-confirmation"
                  type="password"
                  value={form.confirmation}
                  onChange={set('confirmation')}
                  required
                  autoComplete="new-password"
                />
              </Field>
            </>
          ) : null}
        </div>
        <ErrorAlert error={add.error} title="Could not add the user" />
        <div>
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add user'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
