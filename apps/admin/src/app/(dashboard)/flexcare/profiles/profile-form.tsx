'use client';

import { DialogProfileCreateInput, FlexcareLicenseIssueInput } from '@profilehub/api/contract/flexcare';
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
import { Badge, Card, EmptyState, Loading, PageHeader, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';

// The form edits the IP list as text, one entry a line; blank lines are dropped and the rest checked by the
// API's own schema while typing.
const ProfileFormInput = DialogProfileCreateInput.extend({
  ipList: z
    .string()
    .transform((text) => nonBlankLines(text).map((l) => l.value))
    .pipe(DialogProfileCreateInput.shape.ipList.unwrap()),
});
type ProfileFormValues = z.input<typeof ProfileFormInput>;
type ProfileInput = z.output<typeof ProfileFormInput>;

function nonBlankLines(text: string) {
  return text.split('\n').flatMap((raw, i) => (raw.trim() ? [{ line: i + 1, value: raw.trim() }] : []));
}

const blank: ProfileFormValues = {
  name: '',
  customer: '',
  allLanguages: false,
  languages: [],
  ipList: '',
  largeKeyboardLayout: '',
  smallKeyboardLayout: '',
};

/** The IP list's errors, one per wrong line ("Line 2: “x” must be …"), from the browser's check or the server's. */
function ipListError(form: UseFormReturn<ProfileFormValues, unknown, ProfileInput>): string | undefined {
  const error = form.formState.errors.ipList as unknown as
    | ({ message?: string } & Record<number, { message?: string } | undefined>)
    | undefined;
  if (!error) return undefined;
  if (error.message) return error.message;
  const lines = nonBlankLines(form.getValues('ipList') ?? '');
  return lines.flatMap((l, i) => (error[i]?.message ? [`Line ${l.line}: “${l.value}” ${error[i]?.message}`] : [])).join(' · ');
}

function ProfileForm({
  initial,
  submitLabel,
  busyLabel,
  errorTitle,
  save,
  saved,
}: {
  initial: ProfileFormValues;
  submitLabel: string;
  busyLabel: string;
  errorTitle: string;
  save: (input: ProfileInput) => Promise<unknown>;
  saved: (input: ProfileInput) => unknown;
}) {
  const trpc = useTRPC();
  const customers = useQuery(trpc.flexcare.customer.list.queryOptions());
  const languages = useQuery(trpc.flexcare.language.list.queryOptions({ limit: 500 }));
  const form = useZodForm(ProfileFormInput, { defaultValues: initial, mode: 'onChange' });
  const [error, setError] = useState<unknown>(null);
  const allLanguages = form.watch('allLanguages');
  const selected = form.watch('languages') ?? [];
  const submit = submitForm(
    form,
    (input) => {
      setError(null);
      // With all languages on, the selection is not sent (the API keeps it empty).
      return save({ ...input, languages: input.allLanguages ? [] : input.languages }).catch((err: unknown) => {
        setError(err);
        throw err;
      });
    },
    undefined,
    (_, input) => saved(input),
  );

  function toggle(id: string, on: boolean) {
    const next = on ? [...selected, id] : selected.filter((x) => x !== id);
    form.setValue('languages', next, { shouldDirty: true, shouldValidate: true });
  }

  return (
    <form onSubmit={submit} aria-label="Dialog profile" className="flex flex-col gap-5" noValidate>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField form={form} name="name" id="profile-name" label="Profile name" maxLength={200} />
        <SelectField form={form} name="customer" id="profile-customer" label="Customer">
          <option value="">Choose a customer…</option>
          {customers.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.resellerName ? ` (${c.resellerName})` : ''}
            </option>
          ))}
        </SelectField>
      </div>

      <TextAreaField
        form={form}
        name="ipList"
        id="profile-ip-list"
        label="IP list"
        rows={4}
        hint="One IPv4/IPv6 address or CIDR range per line, e.g. 145.125.12.45/24. Licenses from these addresses authenticate automatically."
        error={ipListError(form)}
      />

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Languages</legend>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800 dark:text-slate-100">
          <input type="checkbox" {...form.register('allLanguages')} />
          All languages
        </label>
        {languages.data?.items.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No languages defined yet.</p>
        ) : null}
        <div className="grid gap-1 sm:grid-cols-3">
          {languages.data?.items.map((l) => (
            <label
              key={l.id}
              className={`flex items-center gap-2 text-sm ${allLanguages ? 'text-slate-500 dark:text-slate-400' : 'text-slate-800 dark:text-slate-100'}`}
            >
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
        <TextAreaField
          form={form}
          name="largeKeyboardLayout"
          id="profile-large-layout"
          label="Large keyboard layout (JSON)"
          hint="Empty, or valid JSON."
          rows={6}
        />
        <TextAreaField
          form={form}
          name="smallKeyboardLayout"
          id="profile-small-layout"
          label="Small keyboard layout (JSON)"
          hint="Empty, or valid JSON."
          rows={6}
        />
      </div>

      <FormFooter
        form={form}
        error={error}
        errorTitle={errorTitle}
        label={submitLabel}
        busyLabel={busyLabel}
        disabled={Object.keys(form.formState.errors).length > 0}
      />
    </form>
  );
}

export function NewProfileView() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation(trpc.flexcare.profile.create.mutationOptions());
  return (
    <>
      <PageHeader
        title="New FlexCare dialog profile"
        description="The MDM key is generated when the profile is created."
        actions={<BackLink href="/flexcare/profiles">All profiles</BackLink>}
      />
      <Card>
        <ProfileForm
          initial={blank}
          submitLabel="Create profile"
          busyLabel="Creating…"
          errorTitle="The profile was not created"
          save={async (input) => {
            const profile = await create.mutateAsync(input);
            await queryClient.invalidateQueries({ queryKey: trpc.flexcare.pathKey() });
            router.push(`/flexcare/profiles/${profile.id}`);
          }}
          saved={(input) => toast({ message: `Created ${input.name}` })}
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
  const toast = useToast();
  const onSaved = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.flexcare.pathKey() });
  };
  const update = useMutation(trpc.flexcare.profile.update.mutationOptions());
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

  if (!profile.data) {
    return (
      <RecordUnavailable
        pending={profile.isPending}
        error={profile.error}
        title="FlexCare dialog profile"
        back={<BackLink href="/flexcare/profiles">All profiles</BackLink>}
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
            Profile <span className="font-mono">{p.id}</span>
          </>
        }
        actions={
          <>
            <BackLink href="/flexcare/profiles">All profiles</BackLink>
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
          <ProfileForm
            key={`${p.id}-${p.name}-${p.ipList.join(',')}`}
            initial={{
              name: p.name,
              customer: p.customer,
              allLanguages: p.allLanguages,
              languages: p.languages,
              ipList: p.ipList.join('\n'),
              largeKeyboardLayout: p.largeKeyboardLayout,
              smallKeyboardLayout: p.smallKeyboardLayout,
            }}
            submitLabel="Save changes"
            busyLabel="Saving…"
            errorTitle="The profile was not saved"
            save={async (input) => {
              await update.mutateAsync({ id, ...input });
              await onSaved();
            }}
            saved={(input) => toast({ message: `Saved ${input.name}` })}
          />
        </Card>
        <Licenses profileId={id} canWrite={canWrite} />
      </div>
    </>
  );
}

const authMethods = FlexcareLicenseIssueInput.shape.authenticatedBy.unwrap().options;

// The API's schema; the form picks a day (the license runs to its end, UTC) and "not yet" for no method.
const LicenseFormInput = FlexcareLicenseIssueInput.extend({
  expire: z
    .string()
    .min(1, 'pick a day')
    .transform((day) => new Date(`${day}T23:59:59Z`))
    .pipe(FlexcareLicenseIssueInput.shape.expire),
  authenticatedBy: z
    .string()
    .transform((m) => m || undefined)
    .pipe(FlexcareLicenseIssueInput.shape.authenticatedBy),
});

function Licenses({ profileId, canWrite }: { profileId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const licenses = useQuery(trpc.flexcare.license.list.queryOptions({ profile: profileId, limit: 500 }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.flexcare.pathKey() });
  const toast = useToast();
  const empty = { profile: profileId, expire: '', authenticatedBy: '' };
  const form = useZodForm(LicenseFormInput, { defaultValues: empty });
  const issue = useMutation(trpc.flexcare.license.issue.mutationOptions());
  const submit = submitForm(
    form,
    (input) => issue.mutateAsync(input),
    undefined,
    async (license) => {
      form.reset(empty);
      toast({ message: `Issued a license until ${formatDateTime(license.expire)}` });
      await invalidate();
    },
  );
  const revoke = useMutation(trpc.flexcare.license.revoke.mutationOptions({ onSettled: invalidate }));

  return (
    <Card title="Licenses">
      <div className="flex flex-col gap-4">
        {canWrite ? (
          <form aria-label="Issue a license" className="flex flex-wrap items-end gap-3" onSubmit={submit} noValidate>
            <TextField form={form} name="expire" id="license-expire" label="Expires on" type="date" />
            <SelectField form={form} name="authenticatedBy" id="license-method" label="Authenticated by">
              <option value="">— not yet —</option>
              {authMethods.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </SelectField>
            <FormFooter
              form={form}
              error={issue.error}
              errorTitle="Could not issue the license"
              label="Issue license"
              busyLabel="Issuing…"
            />
          </form>
        ) : null}
        <ErrorAlert error={licenses.error ?? revoke.error} title="License request failed" />
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
