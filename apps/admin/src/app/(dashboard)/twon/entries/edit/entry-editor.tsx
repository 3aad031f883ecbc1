'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Button, Card, Field, Input, Loading, Notice, PageHeader } from '@/components/ui';
import { useTRPC } from '@/trpc/client';
import { leafPaths, templateAt } from '../../csv';
import { type TwonDirectoryInfo, WithTwonDirectory } from '../../directory-picker';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Values = Record<string, string | boolean>;

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

function toValues(paths: string[], template: Record<string, Json>, entry: Record<string, Json> | null): Values {
  const values: Values = {};
  for (const path of paths) {
    const v = (entry ? templateAt(entry, path) : undefined) ?? templateAt(template, path);
    values[path] = typeof v === 'boolean' ? v : v === undefined || v === null ? '' : String(v);
  }
  return values;
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
  const router = useRouter();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('twon:write');
  const template = useQuery(trpc.twoN.dir.template.queryOptions({ directoryId: directory.id }));
  const entry = useQuery({
    ...trpc.twoN.dir.get.queryOptions({ directoryId: directory.id, users: uuid ? [{ uuid }] : [], fields: [] }),
    enabled: !!uuid,
  });
  const tmpl = template.data?.users[0] as Record<string, Json> | undefined;
  const paths = useMemo(() => (tmpl ? leafPaths(tmpl).filter((p) => p !== 'uuid') : []), [tmpl]);
  const loaded = uuid ? (entry.data?.users[0] as Record<string, Json> | undefined) : undefined;
  const missing = loaded && 'errors' in loaded;
  const [initial, setInitial] = useState<Values | null>(null);
  const [values, setValues] = useState<Values>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<number | null>(null);

  useEffect(() => {
    if (!tmpl || (uuid && !loaded) || missing) return;
    const v = toValues(paths, tmpl, loaded ?? null);
    setInitial(v);
    setValues(v);
  }, [tmpl, loaded, uuid, paths, missing]);

  const onResult = async (result: {
    users?: ({ uuid?: string; timestamp: number } | { uuid?: string; errors: { code: string; field?: string }[] })[];
  }) => {
    const item = result.users?.[0];
    if (!item) return;
    if ('errors' in item) {
      setFieldErrors(Object.fromEntries(item.errors.map((e) => [e.field ?? '_', edirText[e.code] ?? e.code])));
      setSaved(null);
      return;
    }
    setFieldErrors({});
    setSaved(item.timestamp);
    await queryClient.invalidateQueries({ queryKey: trpc.twoN.dir.pathKey() });
    if (!uuid && item.uuid) router.replace(`/twon/entries/edit?uuid=${item.uuid}`);
  };
  const update = useMutation(trpc.twoN.dir.update.mutationOptions({ onSuccess: onResult }));
  const create = useMutation(trpc.twoN.dir.create.mutationOptions({ onSuccess: onResult }));

  if (template.isPending || (uuid && entry.isPending)) return <Loading label="Loading entry…" />;
  if (template.error || entry.error) return <ErrorAlert error={template.error ?? entry.error} title="Could not load the entry" />;
  if (missing) return <ErrorAlert error={new Error(`Entry ${uuid} does not exist (or was deleted).`)} />;
  if (!tmpl || !initial) return <Loading label="Loading entry…" />;

  function submit(e: FormEvent) {
    e.preventDefault();
    const changed: Record<string, Json> = {};
    for (const path of paths) {
      const value = values[path]!;
      if (value === initial![path]) continue;
      changed[path] = typeof templateAt(tmpl!, path) === 'number' ? Number(value) : value;
    }
    if (uuid) update.mutate({ directoryId: directory.id, users: [{ uuid, ...changed }] });
    else create.mutate({ directoryId: directory.id, users: [changed] });
  }

  const groups = new Map<string, string[]>();
  for (const path of paths) {
    // Top-level scalars together; each nested object or array (callPos, access) in its own card.
    const group = /[.[]/.test(path) ? path.split(/[.[]/)[0]! : 'General';
    groups.set(group, [...(groups.get(group) ?? []), path]);
  }
  const pending = update.isPending || create.isPending;

  return (
    <form onSubmit={submit} aria-label="Directory entry" className="flex flex-col gap-6">
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
      {fieldErrors._ ? <ErrorAlert error={new Error(fieldErrors._)} title="The entry was not saved" /> : null}
      {Object.keys(fieldErrors).length > 0 && !fieldErrors._ ? (
        <ErrorAlert error={new Error('Some fields were rejected; nothing was changed.')} title="The entry was not saved" />
      ) : null}
      <ErrorAlert error={update.error ?? create.error} title="The entry was not saved" />
      {[...groups.entries()].map(([group, groupPaths]) => (
        <Card key={group} title={group}>
          <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {groupPaths.map((path) => {
              const id = `twon-field-${path.replace(/[^A-Za-z0-9]/g, '-')}`;
              const value = values[path];
              const rule = rules[rulePath(path)];
              if (typeof value === 'boolean') {
                return (
                  <label key={path} className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      aria-label={fieldLabel(path)}
                      checked={value}
                      disabled={!canWrite}
                      onChange={(e) => setValues((v) => ({ ...v, [path]: e.target.checked }))}
                    />
                    {fieldLabel(path)}
                    {fieldErrors[path] ? <span className="text-xs text-red-700">{fieldErrors[path]}</span> : null}
                  </label>
                );
              }
              const isTime = rule?.type === 'datetime-local';
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
                  error={fieldErrors[path]}
                >
                  <Input
                    id={id}
                    value={isTime ? secondsToLocal(String(value ?? '')) : (value ?? '')}
                    type={rule?.type ?? 'text'}
                    pattern={rule?.pattern}
                    disabled={!canWrite}
                    aria-invalid={fieldErrors[path] ? true : undefined}
                    onChange={(e) => setValues((v) => ({ ...v, [path]: isTime ? localToSeconds(e.target.value) : e.target.value }))}
                  />
                </Field>
              );
            })}
          </div>
        </Card>
      ))}
      {canWrite ? (
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : uuid ? 'Save entry' : 'Create entry'}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
