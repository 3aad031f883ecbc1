'use client';

import { RpdbProfileCreateInput, RpdbProfileUpdateInput } from '@profilehub/api/contract/rpdb';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, submitForm, TextField, useCreateForm, useZodForm } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, Button, Card, Field, Input, Loading, PageHeader } from '@/components/ui';
import { historyHref } from '@/lib/history';
import { useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { WithRpdbAccount } from '../account-picker';

type Attribute = RouterOutputs['rpdb']['attribute']['list'][number];

export function ProfilesView() {
  return (
    <>
      <PageHeader
        title="RPdb profiles"
        description="Profiles in the order every API answer lists them (sort_order, then id). Move a profile to any position (Top, or Move… with a number); the order is saved at once."
      />
      <WithRpdbAccount>{(accountId) => <Profiles accountId={accountId} />}</WithRpdbAccount>
    </>
  );
}

function Profiles({ accountId }: { accountId: number }) {
  const trpc = useTRPC();
  const canWrite = useHasScope('rpdb:write');
  const attributes = useQuery(trpc.rpdb.attribute.list.queryOptions({ accountId }));
  if (attributes.isPending) return <Loading label="Loading profiles…" />;
  if (attributes.error) return <ErrorAlert error={attributes.error} title="Could not load profiles" />;
  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <CreateProfile accountId={accountId} attributes={attributes.data} /> : null}
      <ProfileList accountId={accountId} attributes={attributes.data} canWrite={canWrite} />
    </div>
  );
}

function AttributeChecks({
  idPrefix,
  attributes,
  selected,
  onChange,
}: {
  idPrefix: string;
  attributes: Attribute[];
  selected: number[];
  onChange: (ids: number[]) => void;
}) {
  if (attributes.length === 0) return <p className="text-sm text-slate-500">No attributes yet — create some on the Attributes page.</p>;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Attributes</legend>
      <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
        {attributes.map((a) => (
          <label key={a.id} htmlFor={`${idPrefix}-${a.id}`} className="inline-flex items-center gap-2 text-sm text-slate-800">
            <input
              id={`${idPrefix}-${a.id}`}
              type="checkbox"
              className="size-4 rounded border-slate-300 accent-indigo-600"
              checked={selected.includes(a.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, a.id] : selected.filter((id) => id !== a.id))}
            />
            {a.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function CreateProfile({ accountId, attributes }: { accountId: number; attributes: Attribute[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.rpdb.profile.create.mutationOptions());
  const { form, submit } = useCreateForm(RpdbProfileCreateInput, {
    empty: { accountId, name: '', attributes: [] },
    save: create.mutateAsync,
    conflictField: 'name',
    saved: (profile) => `Created “${profile.name}”`,
    after: () => queryClient.invalidateQueries({ queryKey: trpc.rpdb.profile.pathKey() }),
  });
  return (
    <Card title="Create a profile">
      <form onSubmit={submit} aria-label="Create a profile" className="flex flex-col gap-4" noValidate>
        <TextField form={form} name="name" id="profile-name" label="Profile name" hint="Unique within the account." autoComplete="off" />
        <AttributeChecks
          idPrefix="new-profile-attr"
          attributes={attributes}
          selected={form.watch('attributes') ?? []}
          onChange={(ids) => form.setValue('attributes', ids, { shouldDirty: true })}
        />
        <FormFooter
          form={form}
          error={create.error}
          errorTitle="Could not create the profile"
          label="Create profile"
          busyLabel="Creating…"
        />
      </form>
    </Card>
  );
}

type Row = RouterOutputs['rpdb']['profile']['page']['items'][number];

function ProfileList({ accountId, attributes, canWrite }: { accountId: number; attributes: Attribute[]; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [state, setState] = useTableState({ sort: 'position', size: 25 });
  const [editing, setEditing] = useState<Row | null>(null);
  const [moving, setMoving] = useState<Row | null>(null);
  const page = useQuery({
    ...trpc.rpdb.profile.page.queryOptions({
      accountId,
      offset: (state.page - 1) * state.size,
      limit: state.size,
      sort: state.sort as 'position' | 'name' | 'id',
      desc: state.desc,
      q: state.q,
    }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.rpdb.profile.pathKey() });
  const move = useMutation(
    trpc.rpdb.profile.move.mutationOptions({
      onSuccess: (row) => {
        toast({ message: `Moved “${row.name}” to position ${row.position}` });
        setMoving(null);
        return refresh();
      },
    }),
  );
  const create = useMutation(trpc.rpdb.profile.create.mutationOptions());
  const removeMany = useMutation(trpc.rpdb.profile.deleteMany.mutationOptions());
  const names = new Map(attributes.map((a) => [a.id, a.name]));

  // One all-or-nothing call; the API answers the deleted profiles whole, so Undo recreates them (same name,
  // place and attributes; new ids).
  async function deleteProfiles(rows: Row[]) {
    const deleted = await removeMany.mutateAsync({ accountId, ids: rows.map((r) => r.id) }).catch(() => null);
    await refresh();
    if (!deleted) return;
    toast({
      message: deleted.length === 1 ? `Deleted “${deleted[0]!.name}”` : `Deleted ${deleted.length} profiles`,
      action: {
        label: 'Undo',
        run: async () => {
          for (const row of deleted)
            await create
              .mutateAsync({ accountId, name: row.name, sortOrder: row.sortOrder, attributes: row.attributes })
              .catch(() => undefined);
          await refresh();
        },
      },
    });
  }

  const columns: Column<Row>[] = [
    { id: 'position', header: 'Position', sortable: true, cell: (p) => <span className="font-mono">{p.position}</span> },
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      cell: (p) => (
        <span className="font-medium" data-testid="profile-name">
          {p.name}
        </span>
      ),
    },
    {
      id: 'id',
      header: 'Id',
      sortable: true,
      cell: (p) => (
        <span className="font-mono text-xs">
          #{p.id} · sort_order {p.sortOrder}
        </span>
      ),
    },
    {
      id: 'attributes',
      header: 'Attributes',
      cell: (p) =>
        p.attributes.length === 0 ? (
          <Badge tone="amber">no attributes — hidden from keys</Badge>
        ) : (
          <ul className="flex flex-wrap gap-1">
            {p.attributes.map((id) => (
              <li key={id}>
                <Badge tone="indigo">{names.get(id) ?? id}</Badge>
              </li>
            ))}
          </ul>
        ),
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={move.error ?? removeMany.error} title="Profile request failed" />
      {editing ? <EditProfile accountId={accountId} profile={editing} attributes={attributes} onDone={() => setEditing(null)} /> : null}
      {moving ? (
        <MoveProfile
          profile={moving}
          total={page.data?.total ?? moving.position}
          pending={move.isPending}
          onMove={(position) => move.mutate({ accountId, id: moving.id, position })}
          onCancel={() => setMoving(null)}
        />
      ) : null}
      <DataTable
        caption="Profiles"
        columns={columns}
        {...bindTable(page, [state, setState])}
        rowId={(p) => String(p.id)}
        rowTestId={(p) => `profile-row-${p.name}`}
        filterPlaceholder="Name contains…"
        bulkActions={
          canWrite
            ? (selected, clear) => (
                <ConfirmButton
                  label={`Delete ${selected.length}`}
                  title={`Delete ${selected.length} profiles?`}
                  confirmLabel="Delete profiles"
                  onConfirm={() => void deleteProfiles(selected).then(clear)}
                />
              )
            : undefined
        }
        rowActions={
          canWrite
            ? (p) => (
                <div className="flex flex-wrap gap-2">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move ${p.name} to the top`}
                    disabled={p.position === 1 || move.isPending}
                    onClick={() => move.mutate({ accountId, id: p.id, position: 1 })}
                  >
                    Top
                  </Button>
                  <Button variant="secondary" size="sm" aria-label={`Move ${p.name}`} onClick={() => setMoving(p)}>
                    Move…
                  </Button>
                  <Button variant="secondary" size="sm" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                    Edit
                  </Button>
                  <Link
                    className="rounded-md px-2.5 py-1 text-xs font-medium text-indigo-800 hover:underline dark:text-indigo-200"
                    href={historyHref('rpdb_profile', p.id)}
                  >
                    History
                  </Link>
                  <ConfirmButton
                    label="Delete"
                    title={`Delete profile “${p.name}”?`}
                    confirmLabel="Delete profile"
                    onConfirm={() => void deleteProfiles([p])}
                  />
                </div>
              )
            : undefined
        }
      />
    </div>
  );
}

function MoveProfile({
  profile,
  total,
  pending,
  onMove,
  onCancel,
}: {
  profile: Row;
  total: number;
  pending: boolean;
  onMove: (position: number) => void;
  onCancel: () => void;
}) {
  const [position, setPosition] = useState(String(profile.position));
  return (
    <form
      aria-label={`Move ${profile.name}`}
      className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
      onSubmit={(e) => {
        e.preventDefault();
        onMove(Number(position));
      }}
    >
      <Field id="move-position" label={`New position of “${profile.name}” (1–${total})`}>
        <Input
          id="move-position"
          type="number"
          min={1}
          max={total}
          required
          value={position}
          onChange={(e) => setPosition(e.target.value)}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        Move
      </Button>
      <Button variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}

function EditProfile({
  accountId,
  profile,
  attributes,
  onDone,
}: {
  accountId: number;
  profile: Row;
  attributes: Attribute[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useZodForm(RpdbProfileUpdateInput, {
    defaultValues: { accountId, id: profile.id, name: profile.name, attributes: profile.attributes },
  });
  const update = useMutation(trpc.rpdb.profile.update.mutationOptions());
  const submit = submitForm(
    form,
    (input) => update.mutateAsync(input),
    'name',
    async (_, input) => {
      toast({ message: `Saved “${input.name ?? profile.name}”` });
      form.reset(form.getValues());
      await queryClient.invalidateQueries({ queryKey: trpc.rpdb.profile.pathKey() });
      onDone();
    },
  );
  return (
    <form
      onSubmit={submit}
      aria-label={`Edit ${profile.name}`}
      className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
      noValidate
    >
      <TextField form={form} name="name" id={`profile-${profile.id}-name`} label="Name" />
      <AttributeChecks
        idPrefix={`profile-${profile.id}-attr`}
        attributes={attributes}
        selected={form.watch('attributes') ?? []}
        onChange={(ids) => form.setValue('attributes', ids, { shouldDirty: true })}
      />
      {update.error && !form.formState.errors.name ? <ErrorAlert error={update.error} title="Could not save the profile" /> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
          Save profile
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
