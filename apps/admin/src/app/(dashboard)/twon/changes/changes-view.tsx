'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { Badge, Button, EmptyState, Field, Input, Loading, PageHeader, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/client';
import { type TwonDirectoryInfo, WithTwonDirectory } from '../directory-picker';

const LIMIT = 100;

export function ChangesView() {
  return (
    <>
      <PageHeader
        title="2N changes"
        description="What a sync client polling /api/dir/query with iterator.timestamp would receive: entries changed after a timestamp, oldest first, deletions included."
      />
      <WithTwonDirectory>{(directory) => <Changes key={directory.id} directory={directory} />}</WithTwonDirectory>
    </>
  );
}

function Changes({ directory }: { directory: TwonDirectoryInfo }) {
  const trpc = useTRPC();
  const [input, setInput] = useState('0');
  const [since, setSince] = useState(0);
  const changes = useQuery(trpc.twoN.dir.since.queryOptions({ directoryId: directory.id, timestamp: since, limit: LIMIT }));
  const data = changes.data;

  return (
    <div className="flex flex-col gap-4">
      <form
        aria-label="Changes since"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setSince(Math.max(0, Number(input) || 0));
        }}
      >
        <Field id="twon-since" label="Changes after timestamp">
          <Input id="twon-since" type="number" min={0} value={input} onChange={(e) => setInput(e.target.value)} className="w-40" />
        </Field>
        <Button type="submit">Show changes</Button>
        <Button variant="secondary" onClick={() => changes.refetch()}>
          Refresh
        </Button>
      </form>
      {data ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Series <span className="font-mono">{data.series}</span> · highest timestamp{' '}
          <span data-testid="twon-highest-timestamp">{data.timestamp}</span>
        </p>
      ) : null}
      <ErrorAlert error={changes.error} title="Could not load changes" />
      {changes.isPending ? (
        <Loading label="Loading changes…" />
      ) : data?.changes.length === 0 ? (
        <EmptyState title={`No changes after timestamp ${since}`} />
      ) : data ? (
        <>
          <Table caption="Changes">
            <thead>
              <tr>
                <Th>Timestamp</Th>
                <Th>Change</Th>
                <Th>Name</Th>
                <Th>Owner</Th>
                <Th>UUID</Th>
                <Th>When</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.changes.map((c) => (
                <tr key={`${c.uuid}-${c.timestamp}`} data-testid={`twon-change-${c.timestamp}`}>
                  <Td>{c.timestamp}</Td>
                  <Td>{c.deleted ? <Badge tone="red">deleted</Badge> : <Badge tone="green">created / updated</Badge>}</Td>
                  <Td>
                    {c.deleted ? (
                      ''
                    ) : (
                      <Link className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/twon/entries/edit?uuid=${c.uuid}`}>
                        {c.name || '(no name)'}
                      </Link>
                    )}
                  </Td>
                  <Td>{c.owner}</Td>
                  <Td className="font-mono text-xs">{c.uuid}</Td>
                  <Td>{formatDateTime(c.updatedAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {data.hasMore ? (
            <Button variant="secondary" onClick={() => setSince(data.changes[data.changes.length - 1]!.timestamp)}>
              Next {LIMIT} changes
            </Button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
