'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, PageHeader } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { WithRpdbAccount } from '../account-picker';

type Profile = RouterOutputs['rpdb']['profile']['list'][number];
type Attribute = RouterOutputs['rpdb']['attribute']['list'][number];

export function ProfilesView() {
  return (
    <>
      <PageHeader
        title="RPdb profiles"
        description="Profiles in the order every API answer lists them (sort_order, then id). Drag a row, or use its arrows, to reorder; the new order is saved at once."
      />
      <WithRpdbAccount>{(accountId) => <Profiles accountId={accountId} />}</WithRpdbAccount>
    </>
  );
}

function Profiles({ accountId }: { accountId: number }) {
  const trpc = useTRPC();
  const canWrite = useHasScope('rpdb:write');
  const profiles = useQuery(trpc.rpdb.profile.list.queryOptions({ accountId }));
  const attributes = useQuery(trpc.rpdb.attribute.list.queryOptions({ accountId }));
  if (profiles.isPending || attributes.isPending) return <Loading label="Loading profiles…" />;
  if (profiles.error || attributes.error) return <ErrorAlert error={profiles.error ?? attributes.error} title="Could not load profiles" />;
  return (
    <div className="flex flex-col gap-6">
      {canWrite ? <CreateProfile accountId={accountId} attributes={attributes.data} /> : null}
      {profiles.data.length === 0 ? (
        <EmptyState title="No profiles yet" />
      ) : (
        <ProfileList accountId={accountId} profiles={profiles.data} attributes={attributes.data} canWrite={canWrite} />
      )}
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
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const create = useMutation(
    trpc.rpdb.profile.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setSelected([]);
        return queryClient.invalidateQueries({ queryKey: trpc.rpdb.profile.list.queryKey({ accountId }) });
      },
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ accountId, name, attributes: selected });
  }
  return (
    <Card title="Create a profile">
      <form onSubmit={submit} aria-label="Create a profile" className="flex flex-col gap-4">
        <Field id="profile-name" label="Profile name" hint="Unique within the account.">
          <Input id="profile-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={255} autoComplete="off" />
        </Field>
        <AttributeChecks idPrefix="new-profile-attr" attributes={attributes} selected={selected} onChange={setSelected} />
        <ErrorAlert error={create.error} title="Could not create the profile" />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create profile'}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function ProfileList({
  accountId,
  profiles,
  attributes,
  canWrite,
}: {
  accountId: number;
  profiles: Profile[];
  attributes: Attribute[];
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Local order so a drop shows at once; the server's answer replaces it when the save completes.
  const [order, setOrder] = useState(profiles);
  useEffect(() => setOrder(profiles), [profiles]);
  const [dragged, setDragged] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const listKey = trpc.rpdb.profile.list.queryKey({ accountId });
  const sort = useMutation(
    trpc.rpdb.profile.sort.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(listKey, data),
      onError: () => setOrder(profiles),
    }),
  );
  const remove = useMutation(
    trpc.rpdb.profile.delete.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }) }),
  );
  const names = new Map(attributes.map((a) => [a.id, a.name]));

  // Saves the whole visible order as 0..n-1 in one all-or-nothing call.
  function persist(next: Profile[]) {
    setOrder(next);
    sort.mutate({ accountId, items: next.map((p, index) => ({ id: p.id, sortOrder: index })) });
  }

  function move(from: number, to: number) {
    if (to < 0 || to >= order.length || from === to) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    persist(next);
  }

  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={sort.error ?? remove.error} title="Profile request failed" />
      <ol aria-label="Profiles" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
        {order.map((p, index) => (
          <li
            key={p.id}
            data-testid={`profile-row-${p.name}`}
            draggable={canWrite && editing === null}
            onDragStart={(e) => {
              setDragged(p.id);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(p.id));
            }}
            onDragOver={(e) => {
              if (dragged !== null) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              const from = order.findIndex((x) => x.id === dragged);
              setDragged(null);
              if (from >= 0) move(from, index);
            }}
            onDragEnd={() => setDragged(null)}
            className={`flex flex-col gap-2 px-4 py-3 ${dragged === p.id ? 'opacity-50' : ''}`}
          >
            <div className="flex flex-wrap items-center gap-3">
              {canWrite ? (
                <span aria-hidden="true" className="cursor-grab text-slate-400 select-none" title="Drag to reorder">
                  ⠿
                </span>
              ) : null}
              <span className="font-medium text-slate-900" data-testid="profile-name">
                {p.name}
              </span>
              <span className="font-mono text-xs text-slate-500">
                #{p.id} · sort_order {p.sortOrder}
              </span>
              <ul className="flex flex-wrap gap-1">
                {p.attributes.length === 0 ? (
                  <li>
                    <Badge tone="amber">no attributes — hidden from keys</Badge>
                  </li>
                ) : (
                  p.attributes.map((id) => (
                    <li key={id}>
                      <Badge tone="indigo">{names.get(id) ?? id}</Badge>
                    </li>
                  ))
                )}
              </ul>
              {canWrite ? (
                <div className="ml-auto flex gap-2">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move ${p.name} up`}
                    disabled={index === 0 || sort.isPending}
                    onClick={() => move(index, index - 1)}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move ${p.name} down`}
                    disabled={index === order.length - 1 || sort.isPending}
                    onClick={() => move(index, index + 1)}
                  >
                    ↓
                  </Button>
                  <Button variant="secondary" size="sm" onClick={() => setEditing(editing === p.id ? null : p.id)}>
                    Edit
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    title={`Delete profile “${p.name}”?`}
                    confirmLabel="Delete profile"
                    onConfirm={() => remove.mutate({ accountId, id: p.id })}
                  />
                </div>
              ) : null}
            </div>
            {editing === p.id ? (
              <EditProfile accountId={accountId} profile={p} attributes={attributes} onDone={() => setEditing(null)} />
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function EditProfile({
  accountId,
  profile,
  attributes,
  onDone,
}: {
  accountId: number;
  profile: Profile;
  attributes: Attribute[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(profile.name);
  const [selected, setSelected] = useState(profile.attributes);
  const update = useMutation(
    trpc.rpdb.profile.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.rpdb.profile.list.queryKey({ accountId }) });
        onDone();
      },
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ accountId, id: profile.id, name, attributes: selected });
  }
  return (
    <form onSubmit={submit} aria-label={`Edit ${profile.name}`} className="flex flex-col gap-3 rounded-md bg-slate-50 p-3">
      <Field id={`profile-${profile.id}-name`} label="Name">
        <Input id={`profile-${profile.id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={255} />
      </Field>
      <AttributeChecks idPrefix={`profile-${profile.id}-attr`} attributes={attributes} selected={selected} onChange={setSelected} />
      <ErrorAlert error={update.error} title="Could not save the profile" />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={update.isPending}>
          Save profile
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
