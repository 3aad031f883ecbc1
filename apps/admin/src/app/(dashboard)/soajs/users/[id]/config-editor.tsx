'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, Card, Loading, Notice, PageHeader } from '@/components/ui';
import { useTRPC, useTRPCClient } from '@/trpc/client';
import { UserDetails } from './user-details';

type Section = 'packages' | 'allowedTenants' | 'keys';
const sections: { key: Section; label: string; hint: string; rows: number }[] = [
  {
    key: 'packages',
    label: 'Packages (ACL per package code)',
    hint: '{"<PACKAGE>": {"acl": {"access": true | ["group"], "apisPermission": "restricted", "apis": {"/route": {"access": …}}}}}',
    rows: 10,
  },
  {
    key: 'allowedTenants',
    label: 'Allowed tenants',
    hint: '[{"tenant": {"id", "code", "pin": {"code": "1234" | true, "allowed": true}}, "groups": ["code"]}] — a "****" pin keeps the stored one.',
    rows: 12,
  },
  { key: 'keys', label: 'Keys (config per tenant key)', hint: '{"<tenant key>": {"config": {…}}}', rows: 6 },
];

type Issue = { path: string; message: string };

const pretty = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/**
 * Edits a URAC user's config the way editUserConfig does: each section given replaces the stored one,
 * an empty section is left out (and so kept). The config is checked against the URAC schema first.
 */
export function ConfigEditor({ id }: { id: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('soajs:write');
  const user = useQuery(trpc.soajs.user.get.queryOptions({ uId: id }));
  const [text, setText] = useState<Record<Section, string>>({ packages: '', allowedTenants: '', keys: '' });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [saved, setSaved] = useState(false);
  const [checkError, setCheckError] = useState<unknown>(null);
  const config = user.data?.config;
  useEffect(() => {
    if (!config) return;
    setText({ packages: pretty(config.packages), allowedTenants: pretty(config.allowedTenants), keys: pretty(config.keys) });
  }, [config]);
  const save = useMutation(
    trpc.soajs.user.editConfig.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        return queryClient.invalidateQueries({ queryKey: trpc.soajs.user.get.queryKey({ uId: id }) });
      },
    }),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.reset();
    const next: Record<string, unknown> = {};
    const found: Issue[] = [];
    for (const { key } of sections) {
      if (text[key].trim() === '') continue;
      try {
        next[key] = JSON.parse(text[key]);
      } catch (err) {
        found.push({ path: `config.${key}`, message: `is not valid JSON (${(err as Error).message})` });
      }
    }
    setCheckError(null);
    if (found.length === 0) {
      // A failed check (API down, session expired) must show, not vanish as an unhandled rejection.
      try {
        const check = await client.soajs.user.checkConfig.query({ config: next });
        found.push(...check.issues);
      } catch (err) {
        setCheckError(err);
        return;
      }
    }
    setIssues(found);
    if (found.length === 0) save.mutate({ uId: id, config: next });
  }

  if (user.isPending) return <Loading label="Loading user…" />;
  if (user.error) {
    return (
      <>
        <PageHeader
          title="SOAJS user config"
          actions={
            <Link href="/soajs/users" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              Back to users
            </Link>
          }
        />
        <ErrorAlert error={user.error} title="Could not load the user" />
      </>
    );
  }
  const u = user.data;
  return (
    <>
      <PageHeader
        title={`SOAJS user ${u.username}`}
        description={
          <>
            {u.firstName} {u.lastName} · {u.email} · tenant {u.tenant.code} {u.locked ? <Badge tone="indigo">Locked</Badge> : null}
          </>
        }
        actions={
          <Link href="/soajs/users" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Back to users
          </Link>
        }
      />
      <div className="mb-6">
        <UserDetails user={u} />
      </div>
      <Card title="User config" description="Pins always read as ****; leave a pin as **** to keep it, type a new one to change it.">
        <form onSubmit={submit} aria-label="User config" className="flex flex-col gap-5">
          {sections.map((s) => (
            <div key={s.key} className="flex flex-col gap-1">
              <label htmlFor={`soajs-config-${s.key}`} className="text-sm font-medium text-slate-700 dark:text-slate-200">
                {s.label}
              </label>
              <textarea
                id={`soajs-config-${s.key}`}
                value={text[s.key]}
                onChange={(e) => setText({ ...text, [s.key]: e.target.value })}
                rows={s.rows}
                spellCheck={false}
                disabled={!canWrite}
                className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none dark:border-slate-600 dark:bg-slate-800 dark:text-slate-50"
              />
              <p className="text-xs text-slate-600 dark:text-slate-300">{s.hint}</p>
            </div>
          ))}
          {issues.length > 0 ? (
            <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
              <p className="font-semibold">The config does not match the URAC schema</p>
              <ul className="mt-1 list-disc pl-5">
                {issues.map((i) => (
                  <li key={`${i.path} ${i.message}`}>
                    <code>{i.path}</code>: {i.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <ErrorAlert error={checkError} title="Could not check the config" />
          <ErrorAlert error={save.error} title="The server refused the config" />
          {saved ? <Notice tone="success" title="Config saved" /> : null}
          {canWrite ? (
            <div>
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? 'Saving…' : 'Save config'}
              </Button>
            </div>
          ) : null}
        </form>
      </Card>
    </>
  );
}
