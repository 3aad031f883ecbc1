'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorAlert } from '@/components/error-alert';
import { useUnsavedChangesWarning } from '@/components/form-kit';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Button, Card, Field, Input, Loading, Notice, PageHeader } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import { leafPaths, templateAt } from '../../csv';
import { type TwonDirectoryInfo, WithTwonDirectory } from '../../directory-picker';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Values = (string | boolean)[];

// Hints mirror the service's field rules; the service decides (its EDIR errors are shown per field).
const rules: Record<string, { pattern?: string; hint: string; type?: string }> = {
  'access.pin': { pattern: '(\\d{2,15})?', hint: '2–15 digits' },
  'access.code': { pattern: '(\\d{2,15})?', hint: 'empty or 2–15 digits' },
  'access.validFrom': { type: 'datetime-local', hint: 'empty = no limit' },
  'access.validTo': { type: 'datetime-local', hint: 'empty = no limit; not before Valid from' },
  email: { type: 'email', hint: 'an e-mail address' },
  treepath: { pattern: '/.*', hint: 'starts with /' },
};

const edirText: Record<string, string> = {
  EDIR_FIELD_VALUE_ERROR: 'invalid value',
  EDIR_FIELD_NOT_AVAILABLE: 'not available on this model',
  EDIR_FIELD_NAME_UNKNOWN: 'unknown field',
  EDIR_UUID_ALREADY_EXISTS: 'an entry with this uuid exists',
  EDIR_UUID_DOES_NOT_EXIST: 'the entry no longer exists',
  EDIR_UUID_INVALID_FORMAT: 'malformed uuid',
  EDIR_UUID_IS_MISSING: 'uuid missing',
};

/** `callPos[0].peer` → `Call pos 1 · Peer`: what a person reads; the wire path stays in the hint. */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .map((part) => {
      const [, name = part, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(part) ?? [];
      const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      const label = words.charAt(0).toUpperCase() + words.slice(1);
      return index === undefined ? label : `${label} ${Number(index) + 1}`;
    })
    .join(' · ');
}

// Validity times travel as Unix seconds (0 = unlimited); people pick a local date and time.
function secondsToLocal(seconds: string): string {
  const n = Number(seconds);
  if (!n) return '';
  const d = new Date(n * 1000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
function localToSeconds(local: string): string {
  return local ? String(Math.floor(new Date(local).getTime() / 1000)) : '0';
}

function rulePath(path: string) {
  return path.replace(/\[\d+\]/g, '');
}

const isTimePath = (path: string) => rules[rulePath(path)]?.type === 'datetime-local';

/** The form's value of each field, in template order: text as typed (times as local date-time), flags as booleans. */
function toValues(paths: string[], template: Record<string, Json>, entry: Record<string, Json> | null): Values {
  return paths.map((path) => {
    const v = (entry ? templateAt(entry, path) : undefined) ?? templateAt(template, path);
    if (typeof v === 'boolean') return v;
    const text = v === undefined || v === null ? '' : String(v);
    return isTimePath(path) ? secondsToLocal(text) : text;
  });
}

export function EntryEditor({ uuid }: { uuid: string | null }) {
  return (
    <>
      <PageHeader
        title={uuid ? 'Edit 2N entry' : 'New 2N entry'}
        description="Fields follow the directory's device model. Only changed fields are sent, so nested objects merge as with PUT /api/dir/update."
        actions={
          <Link href="/twon/entries" className="text-sm text-indigo-700 hover:underline">
            Back to entries
          </Link>
        }
      />
      <WithTwonDirectory>{(directory) => <Editor key={`${directory.id}-${uuid}`} directory={directory} uuid={uuid} />}</WithTwonDirectory>
    </>
  );
}

function Editor({ directory, uuid }: { directory: TwonDirectoryInfo; uuid: string | null }) {
  const trpc = useTRPC();
  const template = useQuery(trpc.twoN.dir.template.queryOptions({ directoryId: directory.id }));
  const entry = useQuery({
    ...trpc.twoN.dir.get.queryOptions({ directoryId: directory.id, users: uuid ? [{ uuid }] : [], fields: [] }),
    enabled: !!uuid,
  });
  const tmpl = template.data?.users[0] as Record<string, Json> | undefined;
  const loaded = uuid ? (entry.data?.users[0] as Record<string, Json> | undefined) : undefined;

  if (template.isPending || (uuid && entry.isPending)) return <Loading label="Loading entry…" />;
  if (template.error || entry.error) return <ErrorAlert error={template.error ?? entry.error} title="Could not load the entry" />;
  if (loaded && 'errors' in loaded) return <ErrorAlert error={new Error(`Entry ${uuid} does not exist (or was deleted).`)} />;
  if (!tmpl || (uuid && !loaded)) return <Loading label="Loading entry…" />;
  return <EntryForm directory={directory} uuid={uuid} template={tmpl} loaded={loaded ?? null} />;
}

type BatchResult = {
  users?: ({ uuid?: string; timestamp: number } | { uuid?: string; errors: { code: string; field?: string }[] })[];
};

/**
 * The entry's fields, one per leaf of the model's template, in a react-hook-form form (unsaved edits ask
 * before leaving). The service checks them: its EDIR errors come back per field and are put on that field.
 */
function EntryForm({
  directory,
  uuid,
  template,
  loaded,
}: {
  directory: TwonDirectoryInfo;
  uuid: string | null;
  template: Record<string, Json>;
  loaded: Record<string, Json> | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useHasScope('twon:write');
  const paths = useMemo(() => leafPaths(template).filter((p) => p !== 'uuid'), [template]);
  const form = useForm<{ values: Values }>({ defaultValues: { values: toValues(paths, template, loaded) } });
  useUnsavedChangesWarning(form.formState.isDirty);
  const [saved, setSaved] = useState<number | null>(null);
  const [rejected, setRejected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const update = useMutation(trpc.twoN.dir.update.mutationOptions());
  const create = useMutation(trpc.twoN.dir.create.mutationOptions());

  const submit = form.handleSubmit(async ({ values }) => {
    const initial = form.formState.defaultValues?.values ?? [];
    const changed: Record<string, Json> = {};
    paths.forEach((path, i) => {
      const value = values[i]!;
      if (value === initial[i]) return;
      if (typeof value === 'boolean') changed[path] = value;
      else if (isTimePath(path)) changed[path] = localToSeconds(value);
      else changed[path] = typeof templateAt(template, path) === 'number' ? Number(value) : value;
    });
    setError(null);
    setRejected(null);
    let result: BatchResult;
    try {
      result = uuid
        ? await update.mutateAsync({ directoryId: directory.id, users: [{ uuid, ...changed }] })
        : await create.mutateAsync({ directoryId: directory.id, users: [changed] });
    } catch (err) {
      setError(err);
      return;
    }
    const item = result.users?.[0];
    if (!item) return;
    if ('errors' in item) {
      setSaved(null);
      for (const e of item.errors) {
        const i = e.field ? paths.indexOf(e.field) : -1;
        const message = edirText[e.code] ?? e.code;
        if (i >= 0) form.setError(`values.${i}`, { type: 'server', message });
        else setRejected(e.field ? `${e.field}: ${message}` : message);
      }
      setRejected((r) => r ?? 'Some fields were rejected; nothing was changed.');
      return;
    }
    form.reset({ values });
    setSaved(item.timestamp);
    toast({ message: `Saved “${String(changed.name ?? loaded?.name ?? item.uuid ?? '')}”` });
    await queryClient.invalidateQueries({ queryKey: trpc.twoN.dir.pathKey() });
    if (!uuid && item.uuid) router.replace(`/twon/entries/edit?uuid=${item.uuid}`);
  });

  const groups = new Map<string, number[]>();
  paths.forEach((path, i) => {
    // Top-level scalars together; each nested object or array (callPos, access) in its own card.
    const group = /[.[]/.test(path) ? path.split(/[.[]/)[0]! : 'General';
    groups.set(group, [...(groups.get(group) ?? []), i]);
  });
  const errors = form.formState.errors.values;

  return (
    <form onSubmit={submit} aria-label="Directory entry" className="flex flex-col gap-6" noValidate>
      {uuid ? (
        <p className="text-sm text-slate-600">
          UUID <span className="font-mono">{uuid}</span> · timestamp {String(loaded?.timestamp ?? '')}
        </p>
      ) : null}
      {saved !== null ? (
        <Notice tone="success" title={`Saved — timestamp ${saved}`}>
          <span data-testid="twon-entry-saved">The change is visible to sync clients from timestamp {saved}.</span>
        </Notice>
      ) : null}
      {rejected ? <ErrorAlert error={new Error(rejected)} title="The entry was not saved" /> : null}
      <ErrorAlert error={error} title="The entry was not saved" />
      {[...groups.entries()].map(([group, indexes]) => (
        <Card key={group} title={group}>
          <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {indexes.map((i) => {
              const path = paths[i]!;
              const id = `twon-field-${path.replace(/[^A-Za-z0-9]/g, '-')}`;
              const rule = rules[rulePath(path)];
              const fieldError = errors?.[i]?.message;
              if (typeof form.formState.defaultValues?.values?.[i] === 'boolean') {
                return (
                  <label key={path} className="flex items-center gap-2 text-sm text-slate-700">
                    <input type="checkbox" aria-label={fieldLabel(path)} disabled={!canWrite} {...form.register(`values.${i}`)} />
                    {fieldLabel(path)}
                    {fieldError ? <span className="text-xs text-red-700">{fieldError}</span> : null}
                  </label>
                );
              }
              return (
                <Field
                  key={path}
                  id={id}
                  label={fieldLabel(path)}
                  hint={
                    <>
                      {rule?.hint ? `${rule.hint} · ` : ''}
                      <code className="font-mono">{path}</code>
                    </>
                  }
                  error={fieldError}
                >
                  <Input
                    id={id}
                    type={rule?.type ?? 'text'}
                    pattern={rule?.pattern}
                    disabled={!canWrite}
                    aria-invalid={fieldError ? true : undefined}
                    {...form.register(`values.${i}`)}
                  />
                </Field>
              );
            })}
          </div>
        </Card>
      ))}
      {canWrite ? (
        <div>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? 'Saving…' : uuid ? 'Save entry' : 'Create entry'}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
