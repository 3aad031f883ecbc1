'use client';

import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Card, EmptyState, Loading } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { entityLabel, recordHref } from '@/lib/history';
import { useTRPC } from '@/trpc/client';

// The overview: how much each surface holds (one count query per surface, each a page of one row whose
// total is the count) and what changed last. The change feed refetches both when anything changes.

type Count = { label: string; href: string; value: number | undefined; error: unknown };

function count(label: string, href: string, query: UseQueryResult<number, unknown>): Count {
  return { label, href, value: query.data, error: query.error };
}

const ONE = { offset: 0, limit: 1 } as const;

function useCounts(): { title: string; counts: Count[] }[] {
  const trpc = useTRPC();
  const can = {
    accounts: useHasScope('accounts:read'),
    tokens: useHasScope('tokens:read'),
    rpdb: useHasScope('rpdb:read'),
    flexcare: useHasScope('flexcare:read'),
    appgate: useHasScope('appgate:read'),
    twon: useHasScope('twon:read'),
    soajs: useHasScope('soajs:read'),
  };
  const total = (data: { total: number }) => data.total;
  const accounts = useQuery({ ...trpc.account.page.queryOptions(ONE), select: total, enabled: can.accounts });
  const tokens = useQuery({ ...trpc.apiToken.page.queryOptions(ONE), select: total, enabled: can.tokens });
  const rpdb = useQuery({ ...trpc.rpdb.account.list.queryOptions(), select: (a) => a.length, enabled: can.rpdb });
  const flexcare = useQuery({ ...trpc.flexcare.profile.list.queryOptions(ONE), select: total, enabled: can.flexcare });
  const appgate = useQuery({
    ...trpc.appgate.clientProfile.list.queryOptions({ range: '0-1' }),
    select: (d) => Number(d.range.split('/')[1] ?? 0),
    enabled: can.appgate,
  });
  const twon = useQuery({
    ...trpc.twoN.directory.list.queryOptions(),
    select: (dirs) => dirs.reduce((n, d) => n + d.liveEntries, 0),
    enabled: can.twon,
  });
  const soajs = useQuery({ ...trpc.soajs.user.page.queryOptions(ONE), select: total, enabled: can.soajs });
  const sections = [
    {
      title: 'Workspace',
      counts: [can.accounts && count('Accounts', '/accounts', accounts), can.tokens && count('API tokens', '/api-tokens', tokens)],
    },
    { title: 'RPdb', counts: [can.rpdb && count('RPdb accounts', '/rpdb/profiles', rpdb)] },
    { title: 'FlexCare', counts: [can.flexcare && count('FlexCare profiles', '/flexcare/profiles', flexcare)] },
    { title: 'Appgate', counts: [can.appgate && count('Appgate client profiles', '/appgate/client-profiles', appgate)] },
    { title: '2N', counts: [can.twon && count('2N directory entries', '/twon/entries', twon)] },
    { title: 'SOAJS', counts: [can.soajs && count('SOAJS users', '/soajs/users', soajs)] },
  ];
  return sections
    .map((s) => ({ title: s.title, counts: s.counts.filter((c): c is Count => Boolean(c)) }))
    .filter((s) => s.counts.length > 0);
}

export function OverviewView() {
  const sections = useCounts();
  const canAudit = useHasScope('audit:read');
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="overview-counts">
        <h2 id="overview-counts" className="mb-3 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
          What each surface holds
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {sections.flatMap((s) =>
            s.counts.map((c) => (
              <li key={c.label}>
                <Link
                  href={c.href}
                  data-testid={`count-${c.label}`}
                  className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm hover:border-indigo-300 hover:bg-indigo-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
                >
                  <span className="text-sm text-slate-700 dark:text-slate-200">{c.label}</span>
                  <span className="text-2xl font-semibold text-slate-900 tabular-nums dark:text-slate-50" aria-live="polite">
                    {c.error ? '—' : c.value === undefined ? '…' : c.value.toLocaleString('en')}
                  </span>
                </Link>
              </li>
            )),
          )}
        </ul>
      </section>
      {canAudit ? <RecentActivity /> : null}
    </div>
  );
}

function RecentActivity() {
  const trpc = useTRPC();
  const recent = useQuery(trpc.auditLog.page.queryOptions({ limit: 10 }));
  return (
    <Card title="Recent activity" description="The last ten changes, through any surface.">
      <ErrorAlert error={recent.error} title="Could not load recent activity" />
      {recent.isPending ? (
        <Loading label="Loading recent activity…" />
      ) : recent.data?.items.length === 0 ? (
        <EmptyState title="Nothing has changed yet" />
      ) : (
        <ol className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Recent changes">
          {recent.data?.items.map((row) => {
            const href = recordHref(row.entityType, row.entityId, row.entityName);
            const name = row.entityName ?? row.entityId ?? '';
            return (
              <li key={row.id} data-testid="recent-change" className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2 text-sm">
                <code className="font-mono text-xs text-slate-700 dark:text-slate-300">{row.action}</code>
                <span className="text-slate-900 dark:text-slate-50">
                  {entityLabel(row.entityType)}{' '}
                  {href ? (
                    <Link href={href} className="font-medium text-indigo-800 hover:underline dark:text-indigo-200">
                      {name}
                    </Link>
                  ) : (
                    <span className="font-medium">{name}</span>
                  )}
                </span>
                <span className="text-slate-600 dark:text-slate-300">by {row.actorLabel}</span>
                <time
                  className="ml-auto text-xs whitespace-nowrap text-slate-600 dark:text-slate-300"
                  dateTime={new Date(row.createdAt).toISOString()}
                >
                  {formatDateTime(row.createdAt)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      <p className="mt-3 text-sm">
        <Link href="/audit-log" className="font-medium text-indigo-800 hover:underline dark:text-indigo-200">
          Open the audit log
        </Link>
      </p>
    </Card>
  );
}
