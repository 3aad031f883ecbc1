'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type Column, DataTable } from '@/components/data-table';
import { useHasScope } from '@/components/session';
import { Badge, Button, PageHeader } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';

type ListInput = RouterInputs['appgate']['clientProfile']['list'];
type OrderBy = NonNullable<ListInput['orderBy']>;

type Profile = RouterOutputs['appgate']['clientProfile']['list']['data'][number];
const SORTS: OrderBy[] = ['name', 'type', 'identityProviderName', 'updated', 'created'];

export function ClientProfilesView() {
  const trpc = useTRPC();
  const canWrite = useHasScope('appgate:write');
  const [state, setState] = useTableState({ sort: 'name', size: 25, filters: ['tag'] });
  const tag = state.filters.tag || null;
  const start = (state.page - 1) * state.size;
  const input: ListInput = {
    // Each word is one `query`; all must match, as on the controller.
    queries: state.q.split(/\s+/).filter(Boolean),
    orderBy: SORTS.includes(state.sort as OrderBy) ? (state.sort as OrderBy) : 'name',
    descending: state.desc,
    range: `${start}-${start + state.size}`,
    filterBy: tag ? [{ name: 'tags', value: tag }] : [],
  };
  const list = useQuery({ ...trpc.appgate.clientProfile.list.queryOptions(input), placeholderData: keepPreviousData });
  const data = list.data ? { items: list.data.data, total: Number(list.data.range.split('/')[1] ?? 0) } : undefined;
  const setTag = (value: string) => setState({ filters: { tag: value } });

  const columns: Column<Profile>[] = [
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      cell: (p) => (
        <Link href={`/appgate/client-profiles/${p.id}`} className="font-medium text-indigo-800 hover:underline dark:text-indigo-200">
          {p.name}
        </Link>
      ),
    },
    { id: 'type', header: 'Type', sortable: true, cell: (p) => <Badge tone={p.type === 'Group' ? 'amber' : 'slate'}>{p.type}</Badge> },
    { id: 'identityProviderName', header: 'Identity provider', sortable: true, cell: (p) => p.identityProviderName ?? '—' },
    {
      id: 'tags',
      header: 'Tags',
      cell: (p) => (
        <ul className="flex flex-wrap gap-1">
          {p.tags.map((t) => (
            <li key={t}>
              <button type="button" onClick={() => setTag(t)} className="rounded-full" title={`Show profiles tagged ${t}`}>
                <Badge tone="indigo">{t}</Badge>
              </button>
            </li>
          ))}
        </ul>
      ),
    },
    { id: 'updated', header: 'Updated', sortable: true, cell: (p) => formatDateTime(p.updated) },
    { id: 'exported', header: 'Exported', cell: (p) => formatDateTime(p.exported) },
  ];

  return (
    <>
      <PageHeader
        title="Appgate client profiles"
        description="Appgate SDP client profiles served at /admin/client-profiles. The filter matches name, notes, tags and identity provider."
        actions={
          canWrite ? (
            <Link
              href="/appgate/client-profiles/new"
              className="rounded-md bg-indigo-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-600"
            >
              New profile
            </Link>
          ) : null
        }
      />
      <DataTable
        caption="Client profiles"
        columns={columns}
        data={data}
        isPending={list.isPending}
        error={list.error}
        state={state}
        onStateChange={setState}
        rowId={(p) => p.id}
        rowTestId={(p) => `profile-row-${p.name}`}
        filterPlaceholder="e.g. developer eu"
        toolbar={
          tag ? (
            <p className="flex items-center gap-2 pb-2 text-sm text-slate-700 dark:text-slate-200">
              Tag <Badge tone="indigo">{tag}</Badge>
              <Button variant="ghost" size="sm" onClick={() => setTag('')}>
                Clear tag filter
              </Button>
            </p>
          ) : null
        }
      />
    </>
  );
}
