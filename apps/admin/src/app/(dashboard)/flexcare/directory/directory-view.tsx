'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, Notice, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import { type AccessLevel, accessLevels } from '../shared';

export function DirectoryView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('flexcare:write');
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.flexcare.pathKey() });
  return (
    <>
      <PageHeader
        title="FlexCare directory"
        description="Resellers own customers; employees belong to a customer and carry an access level. ADMIN reaches every customer, RESELLER_ADMIN only its own reseller's customers, lower levels get 403 on the dialog API."
      />
      <div className="flex flex-col gap-8">
        <Resellers canWrite={canWrite} onChange={invalidate} />
        <Customers canWrite={canWrite} onChange={invalidate} />
        <Employees canWrite={canWrite} onChange={invalidate} />
      </div>
    </>
  );
}

type SectionProps = { canWrite: boolean; onChange: () => Promise<void> };

function Resellers({ canWrite, onChange }: SectionProps) {
  const trpc = useTRPC();
  const resellers = useQuery(trpc.flexcare.reseller.list.queryOptions());
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.flexcare.reseller.create.mutationOptions({
      onSuccess: () => {
        setName('');
        return onChange();
      },
    }),
  );
  const remove = useMutation(trpc.flexcare.reseller.delete.mutationOptions({ onSettled: onChange }));
  return (
    <Card title="Resellers">
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <form
            aria-label="Create a reseller"
            className="flex items-end gap-3"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              create.mutate({ name });
            }}
          >
            <Field id="reseller-name" label="Reseller name">
              <Input id="reseller-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
            </Field>
            <Button type="submit" disabled={create.isPending}>
              Create reseller
            </Button>
          </form>
        ) : null}
        <ErrorAlert error={resellers.error ?? create.error ?? remove.error} title="Reseller request failed" />
        {resellers.isPending ? (
          <Loading />
        ) : resellers.data?.length === 0 ? (
          <EmptyState title="No resellers yet" />
        ) : (
          <Table caption="Resellers">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>ID</Th>
                <Th>Customers</Th>
                {canWrite ? <Th>Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {resellers.data?.map((r) => (
                <tr key={r.id} data-testid={`reseller-row-${r.name}`}>
                  <Td className="font-medium">{r.name}</Td>
                  <Td className="font-mono text-xs">{r.id}</Td>
                  <Td>{r.totalCustomers}</Td>
                  {canWrite ? (
                    <Td>
                      <ConfirmButton
                        label="Delete"
                        title={`Delete reseller “${r.name}”?`}
                        confirmLabel="Delete reseller"
                        disabled={r.totalCustomers > 0}
                        disabledReason="has customers"
                        onConfirm={() => remove.mutate({ id: r.id })}
                      />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}

function Customers({ canWrite, onChange }: SectionProps) {
  const trpc = useTRPC();
  const customers = useQuery(trpc.flexcare.customer.list.queryOptions());
  const resellers = useQuery(trpc.flexcare.reseller.list.queryOptions());
  const [name, setName] = useState('');
  const [reseller, setReseller] = useState('');
  const create = useMutation(
    trpc.flexcare.customer.create.mutationOptions({
      onSuccess: () => {
        setName('');
        return onChange();
      },
    }),
  );
  const update = useMutation(trpc.flexcare.customer.update.mutationOptions({ onSettled: onChange }));
  const remove = useMutation(trpc.flexcare.customer.delete.mutationOptions({ onSettled: onChange }));
  return (
    <Card title="Customers">
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <form
            aria-label="Create a customer"
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              create.mutate({ name, reseller: reseller || null });
            }}
          >
            <Field id="customer-name" label="Customer name">
              <Input id="customer-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
            </Field>
            <Field id="customer-reseller" label="Reseller">
              <Select id="customer-reseller" value={reseller} onChange={(e) => setReseller(e.target.value)}>
                <option value="">— none (direct customer) —</option>
                {resellers.data?.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" disabled={create.isPending}>
              Create customer
            </Button>
          </form>
        ) : null}
        <ErrorAlert error={customers.error ?? create.error ?? update.error ?? remove.error} title="Customer request failed" />
        {customers.isPending ? (
          <Loading />
        ) : customers.data?.length === 0 ? (
          <EmptyState title="No customers yet" />
        ) : (
          <Table caption="Customers">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>ID</Th>
                <Th>Reseller</Th>
                <Th>Employees</Th>
                <Th>Profiles</Th>
                {canWrite ? <Th>Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {customers.data?.map((c) => (
                <tr key={c.id} data-testid={`customer-row-${c.name}`}>
                  <Td className="font-medium">{c.name}</Td>
                  <Td className="font-mono text-xs">{c.id}</Td>
                  <Td>
                    <Select
                      aria-label={`Reseller of ${c.name}`}
                      value={c.reseller ?? ''}
                      disabled={!canWrite || update.isPending}
                      onChange={(e) => update.mutate({ id: c.id, reseller: e.target.value || null })}
                      className="w-56"
                    >
                      <option value="">— none —</option>
                      {resellers.data?.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                    </Select>
                  </Td>
                  <Td>{c.totalEmployees}</Td>
                  <Td>{c.totalProfiles}</Td>
                  {canWrite ? (
                    <Td>
                      <ConfirmButton
                        label="Delete"
                        title={`Delete customer “${c.name}”?`}
                        confirmLabel="Delete customer"
                        disabled={c.totalEmployees > 0 || c.totalProfiles > 0}
                        disabledReason={c.totalEmployees > 0 ? 'has employees' : 'has profiles'}
                        onConfirm={() => remove.mutate({ id: c.id })}
                      />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}

function levelTone(level: AccessLevel) {
  if (level === 'ADMIN') return 'red' as const;
  if (level === 'RESELLER_ADMIN') return 'indigo' as const;
  if (level === 'NO_LOGIN') return 'slate' as const;
  return 'green' as const;
}

function Employees({ canWrite, onChange }: SectionProps) {
  const trpc = useTRPC();
  const employees = useQuery(trpc.flexcare.employee.list.queryOptions({}));
  const customers = useQuery(trpc.flexcare.customer.list.queryOptions());
  const [form, setForm] = useState({ customer: '', username: '', name: '', accessLevel: 'MANAGER' as AccessLevel, password: '' });
  const [generated, setGenerated] = useState<{ username: string; password: string } | null>(null);
  const create = useMutation(
    trpc.flexcare.employee.create.mutationOptions({
      onSuccess: (res) => {
        setGenerated(res.password ? { username: res.employee.username, password: res.password } : null);
        setForm((f) => ({ ...f, username: '', name: '', password: '' }));
        return onChange();
      },
    }),
  );
  const update = useMutation(trpc.flexcare.employee.update.mutationOptions({ onSettled: onChange }));
  const remove = useMutation(trpc.flexcare.employee.delete.mutationOptions({ onSettled: onChange }));

  return (
    <Card title="Employees" description="They sign in to the TelecomX API with POST /auth/login (username + password).">
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <form
            aria-label="Create an employee"
            className="grid gap-3 md:grid-cols-3"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              create.mutate({
                customer: form.customer,
                username: form.username,
                name: form.name,
                accessLevel: form.accessLevel,
                ...(form.password && { password: form.password }),
              });
            }}
          >
            <Field id="employee-customer" label="Customer">
              <Select
                id="employee-customer"
                value={form.customer}
                required
                onChange={(e) => setForm({ ...form, customer: e.target.value })}
              >
                <option value="">Choose a customer…</option>
                {customers.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="employee-username" label="Username (e-mail)">
              <Input
                id="employee-username"
                value={form.username}
                required
                autoComplete="off"
                onChange={(e) => setForm({ ...form, username: e.target.value })}
              />
            </Field>
            <Field id="employee-name" label="Full name">
              <Input id="employee-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </Field>
            <Field id="employee-level" label="Access level">
              <Select
                id="employee-level"
                value={form.accessLevel}
                onChange={(e) => setForm({ ...form, accessLevel: e.target.value as AccessLevel })}
              >
                {accessLevels.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="employee-password" label="Password" hint="At least 12 characters; leave empty to generate one.">
              <Input
                id="employee-password"
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            </Field>
            <div className="flex items-end">
              <Button type="submit" disabled={create.isPending}>
                Create employee
              </Button>
            </div>
          </form>
        ) : null}
        {generated ? (
          <Notice tone="success" title={`Generated password for ${generated.username} (shown once)`}>
            <span className="inline-flex items-center gap-3">
              <code id="flexcare-generated-password" className="font-mono">
                {generated.password}
              </code>
              <CopyButton value={generated.password} targetId="flexcare-generated-password" />
            </span>
          </Notice>
        ) : null}
        <ErrorAlert error={employees.error ?? create.error ?? update.error ?? remove.error} title="Employee request failed" />
        {employees.isPending ? (
          <Loading />
        ) : employees.data?.length === 0 ? (
          <EmptyState title="No employees yet" />
        ) : (
          <Table caption="Employees">
            <thead>
              <tr>
                <Th>Username</Th>
                <Th>Name</Th>
                <Th>Customer</Th>
                <Th>Access level</Th>
                {canWrite ? <Th>Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {employees.data?.map((e) => (
                <tr key={e.id} data-testid={`employee-row-${e.username}`}>
                  <Td className="font-medium">{e.username}</Td>
                  <Td>{e.name}</Td>
                  <Td>{e.customerName}</Td>
                  <Td>
                    {canWrite ? (
                      <Select
                        aria-label={`Access level of ${e.username}`}
                        value={e.accessLevel}
                        disabled={update.isPending}
                        onChange={(ev) => update.mutate({ id: e.id, accessLevel: ev.target.value as AccessLevel })}
                        className="w-48"
                      >
                        {accessLevels.map((l) => (
                          <option key={l} value={l}>
                            {l}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Badge tone={levelTone(e.accessLevel)}>{e.accessLevel}</Badge>
                    )}
                  </Td>
                  {canWrite ? (
                    <Td>
                      <ConfirmButton
                        label="Delete"
                        title={`Delete employee “${e.username}”?`}
                        confirmLabel="Delete employee"
                        onConfirm={() => remove.mutate({ id: e.id })}
                      >
                        Their sessions end immediately.
                      </ConfirmButton>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}
