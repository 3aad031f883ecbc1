'use client';

import { FlexcareCustomerCreateInput, FlexcareEmployeeCreateInput, FlexcareResellerCreateInput } from '@profilehub/api/contract/flexcare';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { SelectField, submitForm, TextField, useCreateForm, useZodForm } from '@/components/form-kit';
import { SecretNotice } from '@/components/secret-notice';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Button, Card, PageHeader, Select } from '@/components/ui';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { type AccessLevel, accessLevels } from '../shared';

type Reseller = RouterOutputs['flexcare']['reseller']['page']['items'][number];
type Customer = RouterOutputs['flexcare']['customer']['page']['items'][number];
type Employee = RouterOutputs['flexcare']['employee']['page']['items'][number];

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
  const toast = useToast();
  // Three tables on one page: each keeps its state under its own URL keys.
  const [state, setState] = useTableState({ sort: 'name', key: 'resellers' });
  const resellers = useQuery({
    ...trpc.flexcare.reseller.page.queryOptions(pageInput(state, ['name', 'createdAt'])),
    placeholderData: keepPreviousData,
  });
  const create = useMutation(trpc.flexcare.reseller.create.mutationOptions());
  const remove = useMutation(trpc.flexcare.reseller.delete.mutationOptions({ onSettled: onChange }));
  const { form, submit } = useCreateForm(FlexcareResellerCreateInput, {
    empty: { name: '' },
    save: create.mutateAsync,
    conflictField: 'name',
    saved: (created) => `Reseller ${created.name} created`,
    after: onChange,
  });
  const columns: Column<Reseller>[] = [
    { id: 'name', header: 'Name', sortable: true, className: 'font-medium', cell: (r) => r.name },
    { id: 'id', header: 'ID', className: 'font-mono text-xs', cell: (r) => r.id },
    { id: 'customers', header: 'Customers', cell: (r) => r.totalCustomers },
  ];
  return (
    <Card title="Resellers">
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <form aria-label="Create a reseller" className="flex flex-wrap items-end gap-3" onSubmit={submit} noValidate>
            <TextField form={form} name="name" id="reseller-name" label="Reseller name" />
            <Button type="submit" disabled={form.formState.isSubmitting}>
              Create reseller
            </Button>
          </form>
        ) : null}
        <ErrorAlert error={(!form.formState.errors.name && create.error) || remove.error} title="Reseller request failed" />
        <DataTable
          caption="Resellers"
          columns={columns}
          {...bindTable(resellers, [state, setState])}
          rowId={(r) => r.id}
          rowTestId={(r) => `reseller-row-${r.name}`}
          filterPlaceholder="reseller name"
          rowActions={
            canWrite
              ? (r) => (
                  <ConfirmButton
                    label="Delete"
                    title={`Delete reseller “${r.name}”?`}
                    confirmLabel="Delete reseller"
                    disabled={r.totalCustomers > 0}
                    disabledReason="has customers"
                    onConfirm={() => remove.mutate({ id: r.id }, { onSuccess: () => toast({ message: `Deleted ${r.name}` }) })}
                  />
                )
              : undefined
          }
        />
      </div>
    </Card>
  );
}

function Customers({ canWrite, onChange }: SectionProps) {
  const trpc = useTRPC();
  const toast = useToast();
  const [state, setState] = useTableState({ sort: 'name', key: 'customers' });
  const customers = useQuery({
    ...trpc.flexcare.customer.page.queryOptions(pageInput(state, ['name', 'reseller', 'createdAt'])),
    placeholderData: keepPreviousData,
  });
  // The reseller picker offers every reseller the caller reaches.
  const resellers = useQuery(trpc.flexcare.reseller.list.queryOptions());
  const empty = { name: '', reseller: null };
  const form = useZodForm(FlexcareCustomerCreateInput, { defaultValues: empty });
  const create = useMutation(trpc.flexcare.customer.create.mutationOptions());
  const update = useMutation(
    trpc.flexcare.customer.update.mutationOptions({
      onSuccess: (c) => toast({ message: `${c.name} now belongs to ${c.resellerName ?? 'no reseller'}` }),
      onSettled: onChange,
    }),
  );
  const remove = useMutation(trpc.flexcare.customer.delete.mutationOptions({ onSettled: onChange }));
  const submit = submitForm(
    form,
    (input) => create.mutateAsync(input),
    'name',
    async (created) => {
      form.reset(empty);
      toast({ message: `Customer ${created.name} created` });
      await onChange();
    },
  );
  const resellerOptions = resellers.data?.map((r) => (
    <option key={r.id} value={r.id}>
      {r.name}
    </option>
  ));
  const columns: Column<Customer>[] = [
    { id: 'name', header: 'Name', sortable: true, className: 'font-medium', cell: (c) => c.name },
    { id: 'id', header: 'ID', className: 'font-mono text-xs', cell: (c) => c.id },
    {
      id: 'reseller',
      header: 'Reseller',
      sortable: true,
      cell: (c) => (
        <Select
          aria-label={`Reseller of ${c.name}`}
          value={c.reseller ?? ''}
          disabled={!canWrite || update.isPending}
          onChange={(e) => update.mutate({ id: c.id, reseller: e.target.value || null })}
          className="w-56"
        >
          <option value="">— none —</option>
          {resellerOptions}
        </Select>
      ),
    },
    { id: 'employees', header: 'Employees', cell: (c) => c.totalEmployees },
    { id: 'profiles', header: 'Profiles', cell: (c) => c.totalProfiles },
  ];
  return (
    <Card title="Customers">
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <form aria-label="Create a customer" className="flex flex-wrap items-end gap-3" onSubmit={submit} noValidate>
            <TextField form={form} name="name" id="customer-name" label="Customer name" />
            <SelectField
              form={form}
              name="reseller"
              id="customer-reseller"
              label="Reseller"
              registerOptions={{ setValueAs: (v: string) => v || null }}
            >
              <option value="">— none (direct customer) —</option>
              {resellerOptions}
            </SelectField>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              Create customer
            </Button>
          </form>
        ) : null}
        <ErrorAlert error={(!form.formState.errors.name && create.error) || update.error || remove.error} title="Customer request failed" />
        <DataTable
          caption="Customers"
          columns={columns}
          {...bindTable(customers, [state, setState])}
          rowId={(c) => c.id}
          rowTestId={(c) => `customer-row-${c.name}`}
          filterPlaceholder="customer or reseller name"
          rowActions={
            canWrite
              ? (c) => (
                  <ConfirmButton
                    label="Delete"
                    title={`Delete customer “${c.name}”?`}
                    confirmLabel="Delete customer"
                    disabled={c.totalEmployees > 0 || c.totalProfiles > 0}
                    disabledReason={c.totalEmployees > 0 ? 'has employees' : 'has profiles'}
                    onConfirm={() => remove.mutate({ id: c.id }, { onSuccess: () => toast({ message: `Deleted ${c.name}` }) })}
                  />
                )
              : undefined
          }
        />
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

const EMPLOYEE_SORTS = ['username', 'name', 'customer', 'accessLevel', 'createdAt'] as const;

function Employees({ canWrite, onChange }: SectionProps) {
  const trpc = useTRPC();
  const toast = useToast();
  const [state, setState] = useTableState({ sort: 'username', key: 'employees' });
  const employees = useQuery({
    ...trpc.flexcare.employee.page.queryOptions(pageInput(state, EMPLOYEE_SORTS)),
    placeholderData: keepPreviousData,
  });
  const customers = useQuery(trpc.flexcare.customer.list.queryOptions());
  const empty = { customer: '', username: '', name: '', accessLevel: 'MANAGER' as AccessLevel, password: undefined };
  const form = useZodForm(FlexcareEmployeeCreateInput, { defaultValues: empty });
  const [generated, setGenerated] = useState<{ username: string; password: string } | null>(null);
  const create = useMutation(trpc.flexcare.employee.create.mutationOptions());
  const update = useMutation(
    trpc.flexcare.employee.update.mutationOptions({
      onSuccess: (e) => toast({ message: `${e.username} is now ${e.accessLevel}` }),
      onSettled: onChange,
    }),
  );
  const remove = useMutation(trpc.flexcare.employee.delete.mutationOptions({ onSettled: onChange }));
  const submit = submitForm(
    form,
    (input) => create.mutateAsync(input),
    'username',
    async (res, input) => {
      setGenerated(res.password ? { username: res.employee.username, password: res.password } : null);
      form.reset({ ...empty, customer: input.customer, accessLevel: input.accessLevel });
      toast({ message: `Employee ${res.employee.username} created` });
      await onChange();
    },
  );
  const columns: Column<Employee>[] = [
    { id: 'username', header: 'Username', sortable: true, className: 'font-medium', cell: (e) => e.username },
    { id: 'name', header: 'Name', sortable: true, cell: (e) => e.name },
    { id: 'customer', header: 'Customer', sortable: true, cell: (e) => e.customerName },
    {
      id: 'accessLevel',
      header: 'Access level',
      sortable: true,
      cell: (e) =>
        canWrite ? (
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
        ),
    },
  ];

  return (
    <Card title="Employees" description="They sign in to the TelecomX API with POST /auth/login (username + password).">
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <form aria-label="Create an employee" className="grid gap-3 md:grid-cols-3" onSubmit={submit} noValidate>
            <SelectField form={form} name="customer" id="employee-customer" label="Customer">
              <option value="">Choose a customer…</option>
              {customers.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField form={form} name="username" id="employee-username" label="Username (e-mail)" autoComplete="off" />
            <TextField form={form} name="name" id="employee-name" label="Full name" />
            <SelectField form={form} name="accessLevel" id="employee-level" label="Access level">
              {accessLevels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </SelectField>
            <TextField
              form={form}
              name="password"
              id="employee-password"
              label="Password"
              hint="At least 12 characters; leave empty to generate one."
              type="password"
              autoComplete="new-password"
              optional
            />
            <div className="flex items-end">
              <Button type="submit" disabled={form.formState.isSubmitting}>
                Create employee
              </Button>
            </div>
          </form>
        ) : null}
        {generated ? (
          <SecretNotice
            tone="success"
            title={`Generated password for ${generated.username} (shown once)`}
            value={generated.password}
            id="flexcare-generated-password"
            onDone={() => setGenerated(null)}
          />
        ) : null}
        <ErrorAlert
          error={(!form.formState.errors.username && create.error) || update.error || remove.error}
          title="Employee request failed"
        />
        <DataTable
          caption="Employees"
          columns={columns}
          {...bindTable(employees, [state, setState])}
          rowId={(e) => e.id}
          rowTestId={(e) => `employee-row-${e.username}`}
          filterPlaceholder="username, name or customer"
          rowActions={
            canWrite
              ? (e) => (
                  <ConfirmButton
                    label="Delete"
                    title={`Delete employee “${e.username}”?`}
                    confirmLabel="Delete employee"
                    onConfirm={() => remove.mutate({ id: e.id }, { onSuccess: () => toast({ message: `Deleted ${e.username}` }) })}
                  >
                    Their sessions end immediately.
                  </ConfirmButton>
                )
              : undefined
          }
        />
      </div>
    </Card>
  );
}
