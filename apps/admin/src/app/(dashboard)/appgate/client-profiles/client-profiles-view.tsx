'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, EmptyState, Field, Input, Loading, PageHeader, Select, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs } from '@/trpc/types';

type ListInput = RouterInputs['appgate']['clientProfile']['list'];
type OrderBy = NonNullable<ListInput['orderBy']>;

const PAGE_SIZE = 10;
const sortChoices: { value: string; label: string }[] = [
  { value: 'name:asc', label: 'Name (A–Z)' },
  { value: 'name:desc', label: 'Name (Z–A)' },
  { value: 'updated:desc', label: 'Recently updated' },
  { value: 'created:desc', label: 'Newest first' },
  { value: 'type:asc', label: 'Type' },
  { value: 'identityProviderName:asc', label: 'Identity provider' },
];

export function ClientProfilesView() {
  const trpc = useTRPC();
  const canWrite = useHasScope('appgate:write');
  const [search, setSearch] = useState('');
  const [queries, setQueries] = useState<string[]>([]);
  const [sort, setSort] = useState('name:asc');
  const [tag, setTag] = useState<string | null>(null);
  const [start, setStart] = useState(0);
  const [orderBy, direction] = sort.split(':') as [OrderBy, string];
  const input: ListInput = {
    queries,
    orderBy,
    descending: direction === 'desc',
    range: `${start}-${start + PAGE_SIZE}`,
    filterBy: tag ? [{ name: 'tags', value: tag }] : [],
  };
  const list = useQuery({ ...trpc.appgate.clientProfile.list.queryOptions(input), placeholderData: keepPreviousData });
  const total = Number(list.data?.range.split('/')[1] ?? 0);

  function submit(e: FormEvent) {
    e.preventDefault();
    // Each word is one `query`; all must match, as on the controller.
    setQueries(search.split(/\s+/).filter(Boolean));
    setStart(0);
  }

  return (
    <>
      <PageHeader
        title="Appgate client profiles"
        description="Appgate SDP client profiles served at /admin/client-profiles. Search matches name, notes, tags and identity provider."
        actions={
          canWrite ? (
            <Link
              href="/appgate/client-profiles/new"
              className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              New profile
            </Link>
          ) : null
        }
      />
      <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Search client profiles">
        <div className="min-w-64 flex-1">
          <Field id="profile-search" label="Search">
            <Input
              id="profile-search"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="e.g. developer eu"
            />
          </Field>
        </div>
        <Field id="profile-sort" label="Sort by">
          <Select
            id="profile-sort"
            value={sort}
            onChange={(e) => {
              setSort(e.target.value);
              setStart(0);
            }}
          >
            {sortChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {tag ? (
        <p className="mb-3 flex items-center gap-2 text-sm text-slate-700">
          Tag <Badge tone="indigo">{tag}</Badge>
          <Button variant="ghost" size="sm" onClick={() => setTag(null)}>
            Clear tag filter
          </Button>
        </p>
      ) : null}
      <ErrorAlert error={list.error} title="Could not load client profiles" />
      {list.isPending ? (
        <Loading label="Loading client profiles…" />
      ) : list.data && list.data.data.length === 0 ? (
        <EmptyState title="No client profiles match">Change the search or create a profile.</EmptyState>
      ) : list.data ? (
        <>
          <Table caption="Client profiles">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Type</Th>
                <Th>Identity provider</Th>
                <Th>Tags</Th>
                <Th>Updated</Th>
                <Th>Exported</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.data.data.map((p) => (
                <tr key={p.id} data-testid={`profile-row-${p.name}`}>
                  <Td className="font-medium">
                    <Link href={`/appgate/client-profiles/${p.id}`} className="text-indigo-700 hover:underline">
                      {p.name}
                    </Link>
                  </Td>
                  <Td>
                    <Badge tone={p.type === 'Group' ? 'amber' : 'slate'}>{p.type}</Badge>
                  </Td>
                  <Td>{p.identityProviderName ?? '—'}</Td>
                  <Td>
                    <ul className="flex flex-wrap gap-1">
                      {p.tags.map((t) => (
                        <li key={t}>
                          <button
                            type="button"
                            onClick={() => {
                              setTag(t);
                              setStart(0);
                            }}
                            className="rounded-full"
                            title={`Show profiles tagged ${t}`}
                          >
                            <Badge tone="indigo">{t}</Badge>
                          </button>
                        </li>
                      ))}
                    </ul>
                  </Td>
                  <Td>{formatDateTime(p.updated)}</Td>
                  <Td>{formatDateTime(p.exported)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm text-slate-600">
            <span data-testid="profile-range">
              {start + 1}–{start + list.data.data.length} of {total} (range {list.data.range}, {list.data.totalCount} in total)
            </span>
            <span className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={start === 0} onClick={() => setStart(Math.max(0, start - PAGE_SIZE))}>
                Previous
              </Button>
              <Button variant="secondary" size="sm" disabled={start + PAGE_SIZE >= total} onClick={() => setStart(start + PAGE_SIZE)}>
                Next
              </Button>
            </span>
          </nav>
        </>
      ) : null}
    </>
  );
}
