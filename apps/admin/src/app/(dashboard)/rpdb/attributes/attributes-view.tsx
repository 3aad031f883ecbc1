'use client';

import { RpdbAttributeCreateInput } from '@profilehub/api/contract/rpdb';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, SelectField, TextField, useCreateForm } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { useRemoveEach, useToast } from '@/components/toast';
import { Card, PageHeader, Select } from '@/components/ui';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { type Right, rights, WithRpdbAccount } from '../account-picker';

type Attribute = RouterOutputs['rpdb']['attribute']['page']['items'][number];
const SORTS = ['name', 'defaultRight', 'createdAt'] as const;

export function AttributesView() {
  return (
    <>
      <PageHeader
        title="RPdb attributes"
        description="Attributes group profiles. An API key sees a profile only if it holds a right on one of its attributes; the default right applies to keys without an explicit one."
      />
      <WithRpdbAccount>{(accountId) => <Attributes accountId={accountId} />}</WithRpdbAccount>
    </>
  );
}

function Attributes({ accountId }: { accountId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useHasScope('rpdb:write');
  const [state, setState] = useTableState({ sort: 'name' });
  const attributes = useQuery({
    ...trpc.rpdb.attribute.page.queryOptions({ ...pageInput(state, SORTS), accountId }),
    placeholderData: keepPreviousData,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.rpdb.attribute.pathKey() });
  const update = useMutation(
    trpc.rpdb.attribute.update.mutationOptions({
      onSuccess: (a) => toast({ message: `Default right of ${a.name} set to ${a.defaultRight}` }),
      onSettled: invalidate,
    }),
  );
  const remove = useMutation(trpc.rpdb.attribute.delete.mutationOptions({ onSettled: invalidate }));

  const removeEach = useRemoveEach('attribute', 'attributes');
  async function deleteAttributes(rows: Attribute[], clear: () => void) {
    await removeEach(rows, (row) => remove.mutateAsync({ id: row.id }));
    clear();
  }

  const columns: Column<Attribute>[] = [
    { id: 'id', header: 'ID', className: 'font-mono text-xs', cell: (a) => a.id },
    { id: 'name', header: 'Name', sortable: true, className: 'font-medium', cell: (a) => a.name },
    {
      id: 'defaultRight',
      header: 'Default right',
      sortable: true,
      cell: (a) => (
        <Select
          aria-label={`Default right of ${a.name}`}
          value={a.defaultRight}
          disabled={!canWrite || update.isPending}
          onChange={(e) => update.mutate({ id: a.id, defaultRight: e.target.value as Right })}
          className="min-w-32"
        >
          {rights.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <CreateAttribute accountId={accountId} onCreated={invalidate} /> : null}
      <ErrorAlert error={update.error ?? remove.error} title="Attribute request failed" />
      <DataTable
        caption="Attributes"
        columns={columns}
        {...bindTable(attributes, [state, setState])}
        rowId={(a) => String(a.id)}
        rowTestId={(a) => `attribute-row-${a.name}`}
        filterPlaceholder="attribute name"
        bulkActions={
          canWrite
            ? (rows, clear) => (
                <ConfirmButton
                  label={`Delete ${rows.length}`}
                  title={`Delete ${rows.length} attribute(s)?`}
                  confirmLabel="Delete attributes"
                  onConfirm={() => deleteAttributes(rows, clear)}
                >
                  They are removed from every profile and every key&apos;s rights.
                </ConfirmButton>
              )
            : undefined
        }
        rowActions={
          canWrite
            ? (a) => (
                <ConfirmButton
                  label="Delete"
                  title={`Delete attribute “${a.name}”?`}
                  confirmLabel="Delete attribute"
                  onConfirm={() => remove.mutate({ id: a.id }, { onSuccess: () => toast({ message: `Deleted ${a.name}` }) })}
                >
                  It is removed from every profile and every key&apos;s rights.
                </ConfirmButton>
              )
            : undefined
        }
      />
    </div>
  );
}

function CreateAttribute({ accountId, onCreated }: { accountId: number; onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const empty = { accountId, name: '', defaultRight: 'all' as Right };
  const create = useMutation(trpc.rpdb.attribute.create.mutationOptions());
  const { form, submit } = useCreateForm(RpdbAttributeCreateInput, {
    empty,
    save: (input) => create.mutateAsync({ ...input, accountId }),
    conflictField: 'name',
    saved: (attribute) => `Created “${attribute.name}”`,
    after: onCreated,
  });

  return (
    <Card title="Create an attribute">
      <form onSubmit={submit} aria-label="Create an attribute" className="flex flex-col gap-4" noValidate>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField form={form} name="name" id="attribute-name" label="Attribute name" autoComplete="off" />
          <SelectField
            form={form}
            name="defaultRight"
            id="attribute-default-right"
            label="Default right"
            hint="Applies to keys that have no explicit right on it."
          >
            {rights.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
        </div>
        <FormFooter
          form={form}
          error={create.error}
          errorTitle="Could not create the attribute"
          label="Create attribute"
          busyLabel="Creating…"
        />
      </form>
    </Card>
  );
}
