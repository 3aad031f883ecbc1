'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, Button, EmptyState, Input, Loading, PageHeader, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import { type TwonDirectoryInfo, WithTwonDirectory } from '../directory-picker';

const PAGE_SIZE = 25;

export function EntriesView() {
  const canWrite = useHasScope('twon:write');
  return (
    <>
      <PageHeader
        title="2N directory entries"
        description="Entries of one directory, searched and paged on the server. Deleted entries stay as tombstones (uuid, owner, timestamp) so sync clients learn about the deletion."
        actions={
          canWrite ? (
            <Link
              href="/twon/entries/edit"
              className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              New entry
            </Link>
          ) : null
        }
      />
      <WithTwonDirectory>{(directory) => <Entries key={directory.id} directory={directory} />}</WithTwonDirectory>
    </>
  );
}

function Entries({ directory }: { directory: TwonDirectoryInfo }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [page, setPage] = useState(1);
  const [includeDeleted, setIncludeDeleted] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => {
      setDebounced(search);
      setPage(1);
    }, 250);
    return () => clearTimeout(t);
  }, [search]);
  const entries = useQuery(
    trpc.twoN.dir.list.queryOptions(
      { directoryId: directory.id, search: debounced, includeDeleted, page, pageSize: PAGE_SIZE },
      { placeholderData: (prev) => prev },
    ),
  );
  const total = entries.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-4">
        <Input
          aria-label="Search entries"
          placeholder="Search name, e-mail, owner or uuid"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="max-w-sm"
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={includeDeleted} onChange={(e) => setIncludeDeleted(e.target.checked)} />
          Show deleted
        </label>
        <span className="text-sm text-slate-600" data-testid="twon-entries-total">
          {total} {total === 1 ? 'entry' : 'entries'}
        </span>
      </div>
      <ErrorAlert error={entries.error} title="Could not load entries" />
      {entries.isPending ? (
        <Loading label="Loading entries…" />
      ) : entries.data?.items.length === 0 ? (
        <EmptyState title={debounced ? 'No entry matches' : 'No entries yet'} />
      ) : entries.data ? (
        <Table caption="Directory entries">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>E-mail</Th>
              <Th>Owner</Th>
              <Th>UUID</Th>
              <Th>Timestamp</Th>
              <Th>Changed</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.data.items.map((e) => (
              <tr key={e.uuid} data-testid={`twon-entry-row-${e.name || e.uuid}`}>
                <Td className="font-medium">
                  {e.deleted ? (
                    <Badge tone="red">deleted</Badge>
                  ) : (
                    <Link className="text-indigo-700 hover:underline" href={`/twon/entries/edit?uuid=${e.uuid}`}>
                      {e.name || '(no name)'}
                    </Link>
                  )}
                </Td>
                <Td>{e.email}</Td>
                <Td>{e.owner}</Td>
                <Td className="font-mono text-xs">{e.uuid}</Td>
                <Td>{e.timestamp}</Td>
                <Td>{formatDateTime(e.updatedAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
          Previous
        </Button>
        <span>
          Page {page} of {pages}
        </span>
        <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
          Next
        </Button>
      </nav>
    </div>
  );
}
