'use client';

import { AppgateClientProfileInput } from '@profilehub/api/contract/appgate';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { ConfirmButton } from '@/components/confirm-button';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, SelectField, submitForm, TextAreaField, TextField, useZodForm } from '@/components/form-kit';
import { BackLink, RecordUnavailable } from '@/components/record-page';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Button, Card, Field, Input, PageHeader } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';

type Profile = RouterOutputs['appgate']['clientProfile']['get'];
type Member = Profile['profileUrls'][number];

const fields = AppgateClientProfileInput.shape;
const blankToNull = (v: string) => v.trim() || null;

// The API's own schema, with the fields the form edits as text: tags comma-separated (`tagsText`, checked by
// the API's tag rules), optional texts empty for null, and the group's new members as one URL a line
// (appended to the kept members on save).
const ClientProfileFormInput = AppgateClientProfileInput.safeExtend({
  tagsText: z
    .string()
    .transform((text) => [
      ...new Set(
        text
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(fields.tags.unwrap().unwrap()),
  hostname: z.string().transform(blankToNull).pipe(fields.hostname.unwrap()),
  spaKeyName: z.string().transform(blankToNull).pipe(fields.spaKeyName.unwrap()),
  newUrls: z.string(),
});
type ClientProfileFormValues = z.input<typeof ClientProfileFormInput>;
type ClientProfileFormOutput = z.output<typeof ClientProfileFormInput>;
type ProfileInput = RouterInputs['appgate']['clientProfile']['create'];

function formValues(p: Profile | undefined): ClientProfileFormValues {
  return {
    name: p?.name ?? '',
    type: p?.type ?? 'Profile',
    notes: p?.notes ?? '',
    tagsText: (p?.tags ?? []).join(', '),
    identityProviderName: p?.identityProviderName ?? 'local',
    hostname: p?.hostname ?? '',
    spaKeyName: p?.spaKeyName ?? '',
    // Kept members are sent by id only: their URL is write-only on the controller.
    profileUrls: (p?.profileUrls ?? []).map((m) => ({ id: m.id, weight: m.weight })),
    newUrls: '',
  };
}

/** What the API gets: a Profile names its identity provider, a Group lists its members (kept ones, then new URLs). */
function toInput({ newUrls, ...v }: ClientProfileFormOutput, type: 'Profile' | 'Group'): ProfileInput {
  const base = { name: v.name, notes: v.notes, tags: v.tagsText, type };
  if (type === 'Profile') return { ...base, identityProviderName: v.identityProviderName, hostname: v.hostname, spaKeyName: v.spaKeyName };
  const added = newUrls
    .split('\n')
    .map((u) => u.trim())
    .filter(Boolean)
    .map((url) => ({ url, weight: 100 }));
  return { ...base, profileUrls: [...(v.profileUrls ?? []), ...added] };
}

/** Messages the server put on members (`profileUrls.3.url`): kept members by name, new ones by their line. */
function memberErrors(form: UseFormReturn<ClientProfileFormValues, unknown, ClientProfileFormOutput>, members: Member[]): string[] {
  const errors = form.formState.errors.profileUrls as unknown as
    | Record<number, Record<string, { message?: string }> | undefined>
    | undefined;
  if (!errors) return [];
  const kept = form.getValues('profileUrls') ?? [];
  return Object.entries(errors).flatMap(([index, issue]) => {
    const i = Number(index);
    if (!Number.isInteger(i) || !issue) return [];
    const what = i < kept.length ? (members.find((m) => m.id === kept[i]?.id)?.profileName ?? 'member') : `New URL ${i - kept.length + 1}`;
    return Object.values(issue).flatMap((e) => (e?.message ? [`${what}: ${e.message}`] : []));
  });
}

/** One form for both types: a Profile names its identity provider, a Group lists exported profile URLs. */
function ProfileForm({
  initial,
  submitLabel,
  errorTitle,
  save,
  saved,
}: {
  initial?: Profile;
  submitLabel: string;
  errorTitle: string;
  save(input: ProfileInput): Promise<unknown>;
  saved(input: ProfileInput): unknown;
}) {
  const trpc = useTRPC();
  const idps = useQuery(trpc.appgate.identityProvider.list.queryOptions());
  const form = useZodForm(ClientProfileFormInput, { defaultValues: formValues(initial) });
  const [error, setError] = useState<unknown>(null);
  // The type is fixed once created (the select is disabled, so it is not in the submitted values).
  const type = initial?.type ?? (form.watch('type') as 'Profile' | 'Group');
  const kept = form.watch('profileUrls') ?? [];
  const members = initial?.profileUrls ?? [];
  const submit = submitForm(
    form,
    async (values) => {
      setError(null);
      const input = toInput(values, type);
      try {
        await save(input);
      } catch (err) {
        setError(err);
        throw err;
      }
      return input;
    },
    'name',
    (input) => saved(input),
  );
  const memberIssues = memberErrors(form, members);

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Client profile" noValidate>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          form={form}
          name="name"
          id="cp-name"
          label="Name"
          hint="Shown in the client; unique and case-sensitive."
          maxLength={255}
        />
        <SelectField form={form} name="type" id="cp-type" label="Type" disabled={Boolean(initial)}>
          <option value="Profile">Profile</option>
          <option value="Group">Group</option>
        </SelectField>
        <TextField form={form} name="notes" id="cp-notes" label="Notes" maxLength={4096} />
        <TextField form={form} name="tagsText" id="cp-tags" label="Tags" hint="Comma-separated, e.g. developer, eu." />
      </div>
      {type === 'Profile' ? (
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField form={form} name="identityProviderName" id="cp-idp" label="Identity provider">
            {(idps.data ?? [{ name: 'local' }]).map((i) => (
              <option key={i.name} value={i.name}>
                {i.name}
              </option>
            ))}
          </SelectField>
          <TextField
            form={form}
            name="hostname"
            id="cp-hostname"
            label="Hostname"
            hint="Overrides the global Profile Hostname for this profile's URL."
            placeholder="appgate.company.com"
          />
          <TextField form={form} name="spaKeyName" id="cp-spa" label="SPA key name" hint="Deprecated; derived from the name when empty." />
        </div>
      ) : (
        <fieldset className="flex flex-col gap-3">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Profiles in this group</legend>
          {kept.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-300">No profiles yet.</p> : null}
          {kept.map((k, i) => {
            const m = members.find((x) => x.id === k.id);
            return (
              <div key={k.id ?? i} className="flex flex-wrap items-end gap-3 text-sm">
                <span className="min-w-48">
                  {m?.profileName ?? '(unnamed)'} <span className="text-slate-600 dark:text-slate-300">@ {m?.hostname}</span>
                </span>
                <Field id={`cp-weight-${i}`} label="Weight">
                  <Input
                    id={`cp-weight-${i}`}
                    type="number"
                    min={0}
                    max={10000}
                    {...form.register(`profileUrls.${i}.weight`, { valueAsNumber: true })}
                  />
                </Field>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() =>
                    form.setValue(
                      'profileUrls',
                      kept.filter((_, j) => j !== i),
                      { shouldDirty: true },
                    )
                  }
                >
                  Remove
                </Button>
              </div>
            );
          })}
          <TextAreaField
            form={form}
            name="newUrls"
            id="cp-urls"
            label="Add profile URLs"
            hint="One appgate:// URL per line (copy them from a profile's export)."
            className="min-h-24 text-xs"
            error={memberIssues.length > 0 ? memberIssues.join(' · ') : undefined}
          />
        </fieldset>
      )}
      <FormFooter form={form} error={error} errorTitle={errorTitle} label={submitLabel} busyLabel="Saving…" />
    </form>
  );
}

export function NewClientProfileView() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation(trpc.appgate.clientProfile.create.mutationOptions());
  return (
    <>
      <PageHeader title="New Appgate client profile" actions={<BackLink href="/appgate/client-profiles">All profiles</BackLink>} />
      <Card>
        <ProfileForm
          submitLabel="Create profile"
          errorTitle="Could not create the profile"
          save={async (input) => {
            const p = await create.mutateAsync(input);
            await queryClient.invalidateQueries({ queryKey: trpc.appgate.clientProfile.list.pathKey() });
            router.push(`/appgate/client-profiles/${p.id}`);
          }}
          saved={(input) => toast({ message: `Created ${input.name}` })}
        />
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
  const update = useMutation(trpc.appgate.clientProfile.update.mutationOptions());
  const toast = useToast();
  const remove = useMutation(
    trpc.appgate.clientProfile.delete.mutationOptions({
      onSuccess: () => {
        // Drop cached lists so the deleted profile does not flash back while the list refetches.
        queryClient.removeQueries({ queryKey: trpc.appgate.clientProfile.list.pathKey() });
        router.push('/appgate/client-profiles');
      },
    }),
  );

  if (!profile.data) {
    return (
      <RecordUnavailable
        pending={profile.isPending}
        error={profile.error}
        title="Appgate client profile"
        back={<BackLink href="/appgate/client-profiles">All profiles</BackLink>}
        noun="the profile"
      />
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
            <BackLink href="/appgate/client-profiles">All profiles</BackLink>
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
          {canWrite ? (
            <ProfileForm
              key={p.updated.toISOString()}
              initial={p}
              submitLabel="Save changes"
              errorTitle="Could not save the profile"
              save={async (input) => {
                await update.mutateAsync({ id, profile: input });
                await invalidate();
              }}
              saved={(input) => toast({ message: `Saved ${input.name}` })}
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
