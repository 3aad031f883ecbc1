'use client';

import { AppgateSettingsUpdateInput } from '@profilehub/api/contract/appgate';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ErrorAlert } from '@/components/error-alert';
import { FormFooter, submitForm, TextField, useZodForm } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Card, Loading, PageHeader } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';

type Settings = RouterOutputs['appgate']['settings']['get'];

export function AppgateSettingsView() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.appgate.settings.get.queryOptions());
  return (
    <>
      <PageHeader title="Appgate global settings" description="What every client-profile URL is built from." />
      <ErrorAlert error={settings.error} title="Could not load the settings" />
      {settings.isPending ? (
        <Loading />
      ) : settings.data ? (
        <SettingsForm key={settings.data.updatedAt.toISOString()} initial={settings.data} />
      ) : null}
    </>
  );
}

// The API's own schema; the hostname box empty means "none" (null).
const SettingsFormInput = AppgateSettingsUpdateInput.safeExtend({
  profileHostname: z
    .string()
    .transform((v) => v.trim() || null)
    .pipe(AppgateSettingsUpdateInput.shape.profileHostname.unwrap()),
});

function SettingsForm({ initial }: { initial: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useHasScope('appgate:write');
  const form = useZodForm(SettingsFormInput, {
    defaultValues: { profileHostname: initial.profileHostname ?? '', caFingerprint: initial.caFingerprint },
  });
  const update = useMutation(trpc.appgate.settings.update.mutationOptions());
  const submit = submitForm(
    form,
    (input) => update.mutateAsync(input),
    undefined,
    async () => {
      toast({ message: 'Saved the global settings' });
      await queryClient.invalidateQueries({ queryKey: trpc.appgate.settings.get.queryKey() });
    },
  );
  return (
    <Card title="Controller" description={`Last changed ${formatDateTime(initial.updatedAt)}`}>
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Global settings" noValidate>
        <fieldset disabled={!canWrite} className="flex flex-col gap-4">
          <TextField
            form={form}
            name="profileHostname"
            id="gs-hostname"
            label="Profile Hostname"
            hint="Host of appgate:// URLs unless a profile sets its own."
            placeholder="appgate.company.com"
          />
          <TextField
            form={form}
            name="caFingerprint"
            id="gs-fingerprint"
            label="CA fingerprint"
            hint="SHA-256 of the controller CA, 64 hex digits; carried in every profile URL."
            className="font-mono"
          />
        </fieldset>
        {canWrite ? (
          <FormFooter form={form} error={update.error} errorTitle="Could not save the settings" label="Save settings" busyLabel="Saving…" />
        ) : null}
      </form>
    </Card>
  );
}
