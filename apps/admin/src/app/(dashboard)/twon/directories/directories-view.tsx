'use client';

import { TwonAccountCreateInput, TwonDirectoryCreateInput, TwonModel } from '@profilehub/api/contract/twon';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, SelectField, TextField, useCreateForm } from '@/components/form-kit';
import { SecretNotice } from '@/components/secret-notice';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';

const models = TwonModel.options;
type Model = (typeof models)[number];

export function DirectoriesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('twon:write');
  const directories = useQuery(trpc.twoN.directory.list.queryOptions());
  const [selected, setSelected] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.twoN.directory.list.queryKey() });
  const update = useMutation(trpc.twoN.directory.update.mutationOptions({ onSettled: invalidate }));
  const reset = useMutation(trpc.twoN.directory.reset.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.twoN.directory.delete.mutationOptions({ onSettled: invalidate }));
  const current = directories.data?.find((d) => d.id === selected) ?? directories.data?.[0];

  return (
    <>
      <PageHeader
        title="2N directories"
        description="Each directory is one emulated 2N IP intercom: its model decides which entry fields exist, its series and timestamp drive /api/dir/query sync, and its device accounts (HTTP Basic or Digest) decide which directory a request addresses."
      />
      <div className="flex flex-col gap-6">
        {canWrite ? <CreateDirectory onCreated={(id) => invalidate().then(() => setSelected(id))} /> : null}
        <ErrorAlert error={directories.error ?? update.error ?? reset.error ?? remove.error} title="Directory request failed" />
        {directories.isPending ? (
          <Loading label="Loading directories…" />
        ) : directories.data?.length === 0 ? (
          <EmptyState title="No directories yet" />
        ) : directories.data ? (
          <Table caption="Directories">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Model</Th>
                <Th>Series</Th>
                <Th>Timestamp</Th>
                <Th>Entries</Th>
                <Th>Capacity</Th>
                <Th>Auth</Th>
                <Th>Accounts</Th>
                {canWrite ? <Th>Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {directories.data.map((d) => (
                <tr
                  key={d.id}
                  data-testid={`twon-directory-row-${d.name}`}
                  className={d.id === current?.id ? 'bg-indigo-50/40' : undefined}
                >
                  <Td className="whitespace-nowrap">
                    <button
                      type="button"
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      onClick={() => setSelected(d.id)}
                    >
                      {d.name}
                    </button>
                  </Td>
                  <Td>
                    <Select
                      aria-label={`Model of ${d.name}`}
                      value={d.model}
                      disabled={!canWrite || d.liveEntries + d.deletedEntries > 0}
                      title={d.liveEntries + d.deletedEntries > 0 ? 'The model can only change while the directory is empty' : undefined}
                      onChange={(e) => update.mutate({ id: d.id, model: e.target.value as Model })}
                      className="min-w-32"
                    >
                      {models.map((m) => (
                        <option key={m} value={m}>
                          {m}
                        </option>
                      ))}
                    </Select>
                  </Td>
                  <Td className="font-mono text-xs">{d.series}</Td>
                  <Td>{d.timestamp}</Td>
                  <Td>
                    {d.liveEntries}
                    {d.deletedEntries > 0 ? (
                      <span className="text-slate-600 dark:text-slate-300"> (+{d.deletedEntries} deleted)</span>
                    ) : null}
                  </Td>
                  <Td>
                    <Input
                      aria-label={`Capacity of ${d.name}`}
                      type="number"
                      min={1}
                      defaultValue={d.capacity}
                      disabled={!canWrite}
                      className="min-w-24"
                      onBlur={(e) => {
                        const capacity = Number(e.target.value);
                        if (capacity !== d.capacity && capacity > 0) update.mutate({ id: d.id, capacity });
                      }}
                    />
                  </Td>
                  <Td>
                    <Select
                      aria-label={`Authentication of ${d.name}`}
                      value={d.authMode}
                      disabled={!canWrite}
                      onChange={(e) => update.mutate({ id: d.id, authMode: e.target.value as 'any' | 'digest' })}
                      className="min-w-40"
                    >
                      <option value="any">Basic or Digest</option>
                      <option value="digest">Digest only</option>
                    </Select>
                  </Td>
                  <Td>{d.accounts}</Td>
                  {canWrite ? (
                    <Td className="whitespace-nowrap">
                      <div className="flex gap-2">
                        <ConfirmButton
                          label="New series"
                          title={`Reset “${d.name}”?`}
                          confirmLabel="Wipe entries and start a new series"
                          onConfirm={() => reset.mutate({ id: d.id })}
                        >
                          Every entry and tombstone is removed and a new series starts, as after a factory reset: sync clients see the
                          series change and resync.
                        </ConfirmButton>
                        <ConfirmButton
                          label="Delete"
                          title={`Delete “${d.name}”?`}
                          confirmLabel="Delete directory"
                          onConfirm={() => remove.mutate({ id: d.id })}
                        >
                          Its entries and device accounts are deleted too.
                        </ConfirmButton>
                      </div>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        {current ? <Accounts directoryId={current.id} directoryName={current.name} canWrite={canWrite} /> : null}
      </div>
    </>
  );
}

function CreateDirectory({ onCreated }: { onCreated: (id: string) => void }) {
  const trpc = useTRPC();
  const empty = { name: '', model: 'verso' as Model, capacity: 10_000 };
  const create = useMutation(trpc.twoN.directory.create.mutationOptions());
  const { form, submit } = useCreateForm(TwonDirectoryCreateInput, {
    empty,
    save: create.mutateAsync,
    conflictField: 'name',
    saved: (d) => `Directory “${d.name}” created`,
    after: (d) => onCreated(d.id),
  });
  return (
    <Card title="Create a directory">
      <form onSubmit={submit} aria-label="Create a directory" className="flex flex-col gap-4" noValidate>
        <div className="grid gap-4 md:grid-cols-3">
          <TextField form={form} name="name" id="twon-dir-name" label="Directory name" autoComplete="off" />
          <SelectField
            form={form}
            name="model"
            id="twon-dir-model"
            label="Device model"
            hint="Decides which entry fields exist (e.g. Style has recordType, Base has no photo)."
          >
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </SelectField>
          <Field id="twon-dir-capacity" label="Capacity (live entries)" error={form.formState.errors.capacity?.message}>
            <Input id="twon-dir-capacity" type="number" {...form.register('capacity', { valueAsNumber: true })} />
          </Field>
        </div>
        <FormFooter
          form={form}
          error={create.error}
          errorTitle="Could not create the directory"
          label="Create directory"
          busyLabel="Creating…"
        />
      </form>
    </Card>
  );
}

function Accounts({ directoryId, directoryName, canWrite }: { directoryId: string; directoryName: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accounts = useQuery(trpc.twoN.account.list.queryOptions({ directoryId }));
  const invalidate = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.twoN.account.list.queryKey({ directoryId }) });
    await queryClient.invalidateQueries({ queryKey: trpc.twoN.directory.list.queryKey() });
  };
  const create = useMutation(trpc.twoN.account.create.mutationOptions());
  const update = useMutation(trpc.twoN.account.update.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.twoN.account.delete.mutationOptions({ onSettled: invalidate }));
  const { form, submit } = useCreateForm(TwonAccountCreateInput, {
    empty: { directoryId, username: '', access: 'readwrite' as const },
    save: (input) => create.mutateAsync({ ...input, directoryId }),
    conflictField: 'username',
    saved: (res) => `Device account ${res.account.username} created`,
    after: invalidate,
  });

  return (
    <Card
      title={`Device accounts of “${directoryName}”`}
      description="HTTP Basic or Digest credentials for /api/dir/*. Read accounts may template/get/query; read-write accounts may also create, update and delete."
    >
      <div className="flex flex-col gap-4">
        {create.data?.password ? (
          <SecretNotice
            title={`Account “${create.data.account.username}” created — copy its password now, you won't see it again`}
            value={create.data.password}
            id="twon-account-password"
            testId="twon-account-password"
            copyLabel="Copy password"
            onDone={() => create.reset()}
          />
        ) : null}
        {canWrite ? (
          <form onSubmit={submit} aria-label="Create a device account" className="flex flex-wrap items-end gap-3" noValidate>
            <TextField
              form={form}
              name="username"
              id="twon-account-username"
              label="User name"
              hint="Unique across the installation: Basic/Digest carry no workspace."
              autoComplete="off"
            />
            <SelectField form={form} name="access" id="twon-account-access" label="Access">
              <option value="readwrite">read-write</option>
              <option value="read">read only</option>
            </SelectField>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              Create account
            </Button>
          </form>
        ) : null}
        {create.error && !form.formState.errors.username ? <ErrorAlert error={create.error} title="Could not create the account" /> : null}
        <ErrorAlert error={accounts.error ?? update.error ?? remove.error} title="Account request failed" />
        {accounts.data && accounts.data.length > 0 ? (
          <Table caption="Device accounts">
            <thead>
              <tr>
                <Th>User name</Th>
                <Th>Access</Th>
                <Th>Status</Th>
                <Th>Created</Th>
                {canWrite ? <Th>Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {accounts.data.map((a) => (
                <tr key={a.id} data-testid={`twon-account-row-${a.username}`}>
                  <Td className="font-mono text-xs whitespace-nowrap">{a.username}</Td>
                  <Td>
                    <Select
                      aria-label={`Access of ${a.username}`}
                      value={a.access}
                      disabled={!canWrite}
                      onChange={(e) => update.mutate({ id: a.id, access: e.target.value as 'read' | 'readwrite' })}
                      className="min-w-36"
                    >
                      <option value="readwrite">read-write</option>
                      <option value="read">read only</option>
                    </Select>
                  </Td>
                  <Td>{a.disabledAt ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</Td>
                  <Td>{formatDateTime(a.createdAt)}</Td>
                  {canWrite ? (
                    <Td className="whitespace-nowrap">
                      <div className="flex gap-2">
                        <Button size="sm" variant="secondary" onClick={() => update.mutate({ id: a.id, disabled: !a.disabledAt })}>
                          {a.disabledAt ? 'Enable' : 'Disable'}
                        </Button>
                        <ConfirmButton
                          label="Delete"
                          title={`Delete account “${a.username}”?`}
                          confirmLabel="Delete account"
                          onConfirm={() => remove.mutate({ id: a.id })}
                        >
                          Devices using these credentials get error 9.
                        </ConfirmButton>
                      </div>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        ) : accounts.data ? (
          <EmptyState title="No device accounts yet" />
        ) : null}
      </div>
    </Card>
  );
}
