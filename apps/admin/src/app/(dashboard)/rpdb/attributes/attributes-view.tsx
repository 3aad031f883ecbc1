'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Button, Card, EmptyState, Field, Input, Loading, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import { type Right, rights, WithRpdbAccount } from '../account-picker';

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
  const canWrite = useHasScope('rpdb:write');
  const attributes = useQuery(trpc.rpdb.attribute.list.queryOptions({ accountId }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.rpdb.attribute.list.queryKey({ accountId }) });
  const update = useMutation(trpc.rpdb.attribute.update.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.rpdb.attribute.delete.mutationOptions({ onSettled: invalidate }));

  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <CreateAttribute accountId={accountId} onCreated={invalidate} /> : null}
      <ErrorAlert error={attributes.error ?? update.error ?? remove.error} title="Attribute request failed" />
      {attributes.isPending ? (
        <Loading label="Loading attributes…" />
      ) : attributes.data?.length === 0 ? (
        <EmptyState title="No attributes yet" />
      ) : attributes.data ? (
        <Table caption="Attributes">
          <thead>
            <tr>
              <Th>ID</Th>
              <Th>Name</Th>
              <Th>Default right</Th>
              {canWrite ? <Th>Actions</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {attributes.data.map((a) => (
              <tr key={a.id} data-testid={`attribute-row-${a.name}`}>
                <Td className="font-mono text-xs">{a.id}</Td>
                <Td className="font-medium">{a.name}</Td>
                <Td>
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
                </Td>
                {canWrite ? (
                  <Td>
                    <ConfirmButton
                      label="Delete"
                      title={`Delete attribute “${a.name}”?`}
                      confirmLabel="Delete attribute"
                      onConfirm={() => remove.mutate({ id: a.id })}
                    >
                      It is removed from every profile and every key&apos;s rights.
                    </ConfirmButton>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </div>
  );
}

function CreateAttribute({ accountId, onCreated }: { accountId: number; onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [defaultRight, setDefaultRight] = useState<Right>('all');
  const create = useMutation(
    trpc.rpdb.attribute.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setDefaultRight('all');
        return onCreated();
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ accountId, name, defaultRight });
  }

  return (
    <Card title="Create an attribute">
      <form onSubmit={submit} aria-label="Create an attribute" className="flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="attribute-name" label="Attribute name">
            <Input id="attribute-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={255} autoComplete="off" />
          </Field>
          <Field id="attribute-default-right" label="Default right" hint="Applies to keys that have no explicit right on it.">
            <Select id="attribute-default-right" value={defaultRight} onChange={(e) => setDefaultRight(e.target.value as Right)}>
              {rights.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <ErrorAlert error={create.error} title="Could not create the attribute" />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create attribute'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
