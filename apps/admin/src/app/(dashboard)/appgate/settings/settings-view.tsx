'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Button, Card, Field, Input, Loading, PageHeader } from '@/components/ui';
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

function SettingsForm({ initial }: { initial: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('appgate:write');
  const [hostname, setHostname] = useState(initial.profileHostname ?? '');
  const [fingerprint, setFingerprint] = useState(initial.caFingerprint);
  const update = useMutation(
    trpc.appgate.settings.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.appgate.settings.get.queryKey() }),
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ profileHostname: hostname.trim() || null, caFingerprint: fingerprint.trim() });
  }
  return (
    <Card title="Controller" description={`Last changed ${formatDateTime(initial.updatedAt)}`}>
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Global settings">
        <Field id="gs-hostname" label="Profile Hostname" hint="Host of appgate:// URLs unless a profile sets its own.">
          <Input
            id="gs-hostname"
            value={hostname}
            onChange={(e) => setHostname(e.target.value)}
            disabled={!canWrite}
            placeholder="appgate.company.com"
          />
        </Field>
        <Field id="gs-fingerprint" label="CA fingerprint" hint="SHA-256 of the controller CA, 64 hex digits; carried in every profile URL.">
          <Input
            id="gs-fingerprint"
            value={fingerprint}
            onChange={(e) => setFingerprint(e.target.value)}
            disabled={!canWrite}
            className="font-mono"
          />
        </Field>
        <ErrorAlert error={update.error} title="Could not save the settings" />
        {update.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
        {canWrite ? (
          <div>
            <Button type="submit" disabled={update.isPending}>
              Save settings
            </Button>
          </div>
        ) : null}
      </form>
    </Card>
  );
}
