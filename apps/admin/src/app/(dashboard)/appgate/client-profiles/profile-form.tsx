'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Button, Card, Field, Input, Loading, PageHeader, Select } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';

type Profile = RouterOutputs['appgate']['clientProfile']['get'];
type ProfileInput = RouterInputs['appgate']['clientProfile']['create'];
type Member = Profile['profileUrls'][number];

const splitTags = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** One form for both types: a Profile names its identity provider, a Group lists exported profile URLs. */
function ProfileForm({
  initial,
  submitLabel,
  pending,
  onSubmit,
}: {
  initial?: Profile;
  submitLabel: string;
  pending: boolean;
  onSubmit(input: ProfileInput): void;
}) {
  const trpc = useTRPC();
  const idps = useQuery(trpc.appgate.identityProvider.list.queryOptions());
  const [type, setType] = useState<'Profile' | 'Group'>(initial?.type ?? 'Profile');
  const [name, setName] = useState(initial?.name ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [idp, setIdp] = useState(initial?.identityProviderName ?? 'local');
  const [hostname, setHostname] = useState(initial?.hostname ?? '');
  const [spaKeyName, setSpaKeyName] = useState(initial?.spaKeyName ?? '');
  const [members, setMembers] = useState<Member[]>(initial?.profileUrls ?? []);
  const [newUrls, setNewUrls] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const base = { name, notes, tags: splitTags(tags), type };
    if (type === 'Profile') {
      onSubmit({ ...base, identityProviderName: idp, hostname: hostname.trim() || null, spaKeyName: spaKeyName.trim() || null });
    } else {
      const added = newUrls
        .split('\n')
        .map((u) => u.trim())
        .filter(Boolean)
        .map((url) => ({ url, weight: 100 }));
      // Kept members are sent by id only: their URL is write-only on the controller.
      onSubmit({ ...base, profileUrls: [...members.map((m) => ({ id: m.id, weight: m.weight })), ...added] });
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Client profile">
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="cp-name" label="Name" hint="Shown in the client; unique and case-sensitive.">
          <Input id="cp-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={255} />
        </Field>
        <Field id="cp-type" label="Type">
          <Select id="cp-type" value={type} onChange={(e) => setType(e.target.value as 'Profile' | 'Group')} disabled={Boolean(initial)}>
            <option value="Profile">Profile</option>
            <option value="Group">Group</option>
          </Select>
        </Field>
        <Field id="cp-notes" label="Notes">
          <Input id="cp-notes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4096} />
        </Field>
        <Field id="cp-tags" label="Tags" hint="Comma-separated, e.g. developer, eu.">
          <Input id="cp-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
        </Field>
      </div>
      {type === 'Profile' ? (
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="cp-idp" label="Identity provider">
            <Select id="cp-idp" value={idp} onChange={(e) => setIdp(e.target.value)}>
              {(idps.data ?? [{ name: 'local' }]).map((i) => (
                <option key={i.name} value={i.name}>
                  {i.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="cp-hostname" label="Hostname" hint="Overrides the global Profile Hostname for this profile's URL.">
            <Input id="cp-hostname" value={hostname} onChange={(e) => setHostname(e.target.value)} placeholder="appgate.company.com" />
          </Field>
          <Field id="cp-spa" label="SPA key name" hint="Deprecated; derived from the name when empty.">
            <Input id="cp-spa" value={spaKeyName} onChange={(e) => setSpaKeyName(e.target.value)} />
          </Field>
        </div>
      ) : (
        <fieldset className="flex flex-col gap-3">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Profiles in this group</legend>
          {members.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-300">No profiles yet.</p> : null}
          {members.map((m, i) => (
            <div key={m.id} className="flex flex-wrap items-end gap-3 text-sm">
              <span className="min-w-48">
                {m.profileName ?? '(unnamed)'} <span className="text-slate-600 dark:text-slate-300">@ {m.hostname}</span>
              </span>
              <Field id={`cp-weight-${i}`} label="Weight">
                <Input
                  id={`cp-weight-${i}`}
                  type="number"
                  min={0}
                  max={10000}
                  value={m.weight}
                  onChange={(e) => setMembers(members.map((x) => (x.id === m.id ? { ...x, weight: Number(e.target.value) } : x)))}
                />
              </Field>
              <Button variant="ghost" size="sm" onClick={() => setMembers(members.filter((x) => x.id !== m.id))}>
                Remove
              </Button>
            </div>
          ))}
          <Field id="cp-urls" label="Add profile URLs" hint="One appgate:// URL per line (copy them from a profile's export).">
            <textarea
              id="cp-urls"
              className="block min-h-24 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs dark:border-slate-600"
              value={newUrls}
              onChange={(e) => setNewUrls(e.target.value)}
            />
          </Field>
        </fieldset>
      )}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function NewClientProfileView() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.appgate.clientProfile.create.mutationOptions({
      onSuccess: async (p) => {
        await queryClient.invalidateQueries({ queryKey: trpc.appgate.clientProfile.list.pathKey() });
        router.push(`/appgate/client-profiles/${p.id}`);
      },
    }),
  );
  return (
    <>
      <PageHeader
        title="New Appgate client profile"
        actions={
          <Link href="/appgate/client-profiles" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
            All profiles
          </Link>
        }
      />
      <Card>
        <ErrorAlert error={create.error} title="Could not create the profile" />
        <ProfileForm submitLabel="Create profile" pending={create.isPending} onSubmit={(input) => create.mutate(input)} />
      </Card>
    </>
  );
}

export function EditClientProfileView({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('appgate:write');
  const profile = useQuery(trpc.appgate.clientProfile.get.queryOptions({ id }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.appgate.clientProfile.pathKey() });
  const update = useMutation(trpc.appgate.clientProfile.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(
    trpc.appgate.clientProfile.delete.mutationOptions({
      onSuccess: () => {
        // Drop cached lists so the deleted profile does not flash back while the list refetches.
        queryClient.removeQueries({ queryKey: trpc.appgate.clientProfile.list.pathKey() });
        router.push('/appgate/client-profiles');
      },
    }),
  );

  if (profile.isPending) return <Loading label="Loading the profile…" />;
  if (!profile.data) {
    return (
      <>
        <PageHeader
          title="Appgate client profile"
          actions={
            <Link href="/appgate/client-profiles" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
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
            {p.type} · created {formatDateTime(p.created)} · updated {formatDateTime(p.updated)} · exported {formatDateTime(p.exported)}
          </>
        }
        actions={
          <>
            <Link href="/appgate/client-profiles" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
              All profiles
            </Link>
            {canWrite ? (
              <ConfirmButton
                label="Delete"
                title={`Delete “${p.name}”?`}
                confirmLabel="Delete profile"
                onConfirm={() => remove.mutate({ id })}
              >
                Clients using this profile can no longer be set up from its URL.
              </ConfirmButton>
            ) : null}
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <ErrorAlert error={remove.error} title="Could not delete the profile" />
        {canWrite ? <ExportPanel id={id} /> : null}
        <Card title="Settings">
          {update.isSuccess ? (
            <p className="mb-3 text-sm text-emerald-700" role="status">
              Saved.
            </p>
          ) : null}
          <ErrorAlert error={update.error} title="Could not save the profile" />
          {canWrite ? (
            <ProfileForm
              key={p.updated.toISOString()}
              initial={p}
              submitLabel="Save changes"
              pending={update.isPending}
              onSubmit={(input) => update.mutate({ id, profile: input })}
            />
          ) : (
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt>Tags</dt>
              <dd>{p.tags.join(', ') || '—'}</dd>
              <dt>Identity provider</dt>
              <dd>{p.identityProviderName ?? '—'}</dd>
            </dl>
          )}
        </Card>
      </div>
    </>
  );
}

/** The connection URL and its QR code; fetching either stamps the profile's `exported` time. */
function ExportPanel({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const exported = useMutation(
    trpc.appgate.clientProfile.exportBarcode.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.appgate.clientProfile.get.queryKey({ id }) }),
    }),
  );
  return (
    <Card title="Connection URL and QR code" description="Give the URL to a client, or let a phone scan the QR code.">
      <ErrorAlert error={exported.error} title="Could not export the profile" />
      {exported.data ? (
        <div className="flex flex-wrap items-start gap-6">
          {/* biome-ignore lint/performance/noImgElement: a generated data: URL, nothing for next/image to optimise */}
          <img
            src={`data:image/png;base64,${exported.data.barcode}`}
            alt="QR code of the profile URL"
            data-testid="profile-qr"
            className="size-48 rounded border border-slate-200 dark:border-slate-700"
          />
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <code
              id="profile-url"
              data-testid="profile-url"
              className="rounded bg-slate-50 px-2 py-1 font-mono text-xs break-all ring-1 ring-slate-200 dark:bg-slate-800"
            >
              {exported.data.url}
            </code>
            <CopyButton value={exported.data.url} targetId="profile-url" label="Copy URL" />
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => exported.mutate({ id })} disabled={exported.isPending}>
          {exported.isPending ? 'Exporting…' : 'Show URL and QR code'}
        </Button>
      )}
    </Card>
  );
}
