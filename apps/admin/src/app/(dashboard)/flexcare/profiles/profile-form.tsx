'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, EmptyState, Field, Input, Loading, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import { layoutError, parseIpLines } from '../shared';

export type ProfileValues = {
  name: string;
  customer: string;
  allLanguages: boolean;
  languages: string[];
  ipList: string[];
  largeKeyboardLayout: string;
  smallKeyboardLayout: string;
};

const blank: ProfileValues = {
  name: '',
  customer: '',
  allLanguages: false,
  languages: [],
  ipList: [],
  largeKeyboardLayout: '',
  smallKeyboardLayout: '',
};

const textareaClass =
  'block w-full rounded-md border bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-xs focus:ring-2 focus:outline-none';

function ProfileForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  initial: ProfileValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: ProfileValues) => void;
}) {
  const trpc = useTRPC();
  const customers = useQuery(trpc.flexcare.customer.list.queryOptions());
  const languages = useQuery(trpc.flexcare.language.list.queryOptions({ limit: 500 }));
  const [name, setName] = useState(initial.name);
  const [customer, setCustomer] = useState(initial.customer);
  const [allLanguages, setAllLanguages] = useState(initial.allLanguages);
  const [selected, setSelected] = useState<string[]>(initial.languages);
  const [ipText, setIpText] = useState(initial.ipList.join('\n'));
  const [large, setLarge] = useState(initial.largeKeyboardLayout);
  const [small, setSmall] = useState(initial.smallKeyboardLayout);

  const ips = parseIpLines(ipText);
  const largeError = layoutError(large);
  const smallError = layoutError(small);
  const invalid = ips.invalid.length > 0 || largeError !== null || smallError !== null;

  function toggle(id: string, on: boolean) {
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid) return;
    onSubmit({
      name,
      customer,
      allLanguages,
      languages: allLanguages ? [] : selected,
      ipList: ips.entries,
      largeKeyboardLayout: large,
      smallKeyboardLayout: small,
    });
  }

  return (
    <form onSubmit={submit} aria-label="Dialog profile" className="flex flex-col gap-5">
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="profile-name" label="Profile name">
          <Input id="profile-name" value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="profile-customer" label="Customer">
          <Select id="profile-customer" value={customer} required onChange={(e) => setCustomer(e.target.value)}>
            <option value="">Choose a customer…</option>
            {customers.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.resellerName ? ` (${c.resellerName})` : ''}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <Field
        id="profile-ip-list"
        label="IP list"
        hint="One IPv4/IPv6 address or CIDR range per line, e.g. 145.125.12.45/24. Licenses from these addresses authenticate automatically."
        error={
          ips.invalid.length > 0
            ? ips.invalid.map((i) => `Line ${i.line}: “${i.value}” is not an IP address or CIDR range`).join(' · ')
            : undefined
        }
      >
        <textarea
          id="profile-ip-list"
          rows={4}
          value={ipText}
          onChange={(e) => setIpText(e.target.value)}
          aria-invalid={ips.invalid.length > 0}
          aria-describedby={`profile-ip-list-hint${ips.invalid.length > 0 ? ' profile-ip-list-error' : ''}`}
          spellCheck={false}
          className={`${textareaClass} ${ips.invalid.length > 0 ? 'border-red-500 focus:ring-red-200' : 'border-slate-300 focus:ring-indigo-200'}`}
        />
      </Field>

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Languages</legend>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800 dark:text-slate-100">
          <input type="checkbox" checked={allLanguages} onChange={(e) => setAllLanguages(e.target.checked)} />
          All languages
        </label>
        {languages.data?.items.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No languages defined yet.</p>
        ) : null}
        <div className="grid gap-1 sm:grid-cols-3">
          {languages.data?.items.map((l) => (
            <label key={l.id} className={`flex items-center gap-2 text-sm ${allLanguages ? 'text-slate-500' : 'text-slate-800'}`}>
              <input
                type="checkbox"
                disabled={allLanguages}
                checked={!allLanguages && selected.includes(l.id)}
                onChange={(e) => toggle(l.id, e.target.checked)}
              />
              {l.name}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        {(
          [
            ['profile-large-layout', 'Large keyboard layout (JSON)', large, setLarge, largeError],
            ['profile-small-layout', 'Small keyboard layout (JSON)', small, setSmall, smallError],
          ] as const
        ).map(([id, label, value, set, err]) => (
          <Field key={id} id={id} label={label} hint="Empty, or valid JSON." error={err ? `Invalid JSON: ${err}` : undefined}>
            <textarea
              id={id}
              rows={6}
              value={value}
              onChange={(e) => set(e.target.value)}
              aria-invalid={err !== null}
              spellCheck={false}
              className={`${textareaClass} ${err ? 'border-red-500 focus:ring-red-200' : 'border-slate-300 focus:ring-indigo-200'}`}
            />
          </Field>
        ))}
      </div>

      <ErrorAlert error={error} title="The profile was not saved" />
      <div>
        <Button type="submit" disabled={pending || invalid}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function NewProfileView() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.flexcare.profile.create.mutationOptions({
      onSuccess: async (profile) => {
        await queryClient.invalidateQueries({ queryKey: trpc.flexcare.pathKey() });
        router.push(`/flexcare/profiles/${profile.id}`);
      },
    }),
  );
  return (
    <>
      <PageHeader
        title="New FlexCare dialog profile"
        description="The MDM key is generated when the profile is created."
        actions={
          <Link href="/flexcare/profiles" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
            All profiles
          </Link>
        }
      />
      <Card>
        <ProfileForm
          initial={blank}
          submitLabel="Create profile"
          pending={create.isPending}
          error={create.error}
          onSubmit={(v) => create.mutate(v)}
        />
      </Card>
    </>
  );
}

export function EditProfileView({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('flexcare:write');
  const profile = useQuery(trpc.flexcare.profile.get.queryOptions({ id }));
  const [saved, setSaved] = useState(false);
  const onSaved = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.flexcare.pathKey() });
  };
  const update = useMutation(
    trpc.flexcare.profile.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await onSaved();
      },
    }),
  );
  const rotate = useMutation(trpc.flexcare.profile.rotateMdmKey.mutationOptions({ onSuccess: onSaved }));
  const router = useRouter();
  const remove = useMutation(
    trpc.flexcare.profile.delete.mutationOptions({
      onSuccess: async () => {
        await onSaved();
        router.push('/flexcare/profiles');
      },
    }),
  );

  if (profile.isPending) return <Loading label="Loading profile…" />;
  if (!profile.data) {
    return (
      <>
        <PageHeader
          title="FlexCare dialog profile"
          actions={
            <Link href="/flexcare/profiles" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
              All profiles
            </Link>
          }
        />
        <ErrorAlert error={profile.error} title="Could not load the profile" />
      </>
    );
  }
  const p = profile.data;

  return (
    <>
      <PageHeader
        title={p.name}
        description={
          <>
            Profile <span className="font-mono">{p.id}</span>
          </>
        }
        actions={
          <>
            <Link href="/flexcare/profiles" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
              All profiles
            </Link>
            {canWrite ? (
              <ConfirmButton
                label="Delete profile"
                title={`Delete “${p.name}”?`}
                confirmLabel="Delete profile"
                onConfirm={() => remove.mutate({ id })}
              >
                Only a profile without licenses can be deleted.
              </ConfirmButton>
            ) : null}
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <ErrorAlert error={remove.error} title="Could not delete the profile" />
        <Card title="MDM key" description="Devices enrolled through MDM authenticate their licenses with this key.">
          <div className="flex flex-wrap items-center gap-3">
            <code id="flexcare-mdm-key" data-testid="mdm-key" className="rounded bg-slate-100 px-2 py-1 font-mono text-sm">
              {p.mdmKey}
            </code>
            <CopyButton value={p.mdmKey} targetId="flexcare-mdm-key" />
            {canWrite ? (
              <ConfirmButton
                label="Rotate key"
                title="Rotate the MDM key?"
                confirmLabel="Rotate key"
                variant="secondary"
                onConfirm={() => rotate.mutate({ id })}
              >
                Devices configured with the current key stop authenticating until they receive the new one.
              </ConfirmButton>
            ) : null}
          </div>
          <ErrorAlert error={rotate.error} title="Could not rotate the key" />
        </Card>
        <Card title="Settings">
          {saved && !update.isPending ? (
            <p role="status" className="mb-3 text-sm text-emerald-700">
              Saved.
            </p>
          ) : null}
          <ProfileForm
            key={`${p.id}-${p.name}-${p.ipList.join(',')}`}
            initial={p}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onSubmit={(v) => {
              setSaved(false);
              update.mutate({ id, ...v });
            }}
          />
        </Card>
        <Licenses profileId={id} canWrite={canWrite} />
      </div>
    </>
  );
}

const authMethods = ['MDMKEY', 'IP', 'AUTHCODE'] as const;

function Licenses({ profileId, canWrite }: { profileId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const licenses = useQuery(trpc.flexcare.license.list.queryOptions({ profile: profileId, limit: 500 }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.flexcare.pathKey() });
  const [expire, setExpire] = useState('');
  const [method, setMethod] = useState<'' | (typeof authMethods)[number]>('');
  const issue = useMutation(trpc.flexcare.license.issue.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.flexcare.license.revoke.mutationOptions({ onSettled: invalidate }));

  return (
    <Card title="Licenses">
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <form
            aria-label="Issue a license"
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              issue.mutate({ profile: profileId, expire: new Date(`${expire}T23:59:59Z`), ...(method && { authenticatedBy: method }) });
            }}
          >
            <Field id="license-expire" label="Expires on">
              <Input id="license-expire" type="date" required value={expire} onChange={(e) => setExpire(e.target.value)} />
            </Field>
            <Field id="license-method" label="Authenticated by">
              <Select id="license-method" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
                <option value="">— not yet —</option>
                {authMethods.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" disabled={issue.isPending}>
              Issue license
            </Button>
          </form>
        ) : null}
        <ErrorAlert error={licenses.error ?? issue.error ?? revoke.error} title="License request failed" />
        {licenses.isPending ? (
          <Loading />
        ) : licenses.data?.items.length === 0 ? (
          <EmptyState title="No licenses" />
        ) : (
          <Table caption="Licenses">
            <thead>
              <tr>
                <Th>ID</Th>
                <Th>Expires</Th>
                <Th>Authenticated by</Th>
                <Th>Auth code</Th>
                <Th>Issued</Th>
                {canWrite ? <Th>Actions</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {licenses.data?.items.map((l) => (
                <tr key={l.id} data-testid={`license-row-${l.id}`}>
                  <Td className="font-mono text-xs">{l.id}</Td>
                  <Td>{formatDateTime(l.expire)}</Td>
                  <Td>{l.authenticatedBy ? <Badge tone="indigo">{l.authenticatedBy}</Badge> : '—'}</Td>
                  <Td className="font-mono">{l.authCode ?? '—'}</Td>
                  <Td>{formatDateTime(l.createdAt)}</Td>
                  {canWrite ? (
                    <Td>
                      <ConfirmButton
                        label="Revoke"
                        title="Revoke this license?"
                        confirmLabel="Revoke license"
                        onConfirm={() => revoke.mutate({ id: l.id })}
                      >
                        The device using it loses access.
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
