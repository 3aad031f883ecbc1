'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { Button, EmptyState, Field, Input, Loading, PageHeader, Table, Td, Th } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTRPC, useTRPCClient } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { AuditDiff } from './audit-diff';

type Entry = RouterOutputs['auditLog']['list']['items'][number];
type Filters = { action: string; entityType: string; entityId: string };

const PAGE_SIZE = 50;
const emptyFilters: Filters = { action: '', entityType: '', entityId: '' };

export function AuditLogView() {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [applied, setApplied] = useState<Filters>(emptyFilters);
  const client = useTRPCClient();
  const input = {
    limit: PAGE_SIZE,
    action: applied.action || undefined,
    entityType: applied.entityType || undefined,
    entityId: applied.entityId || undefined,
  };
  // Not `infiniteQueryOptions`: it adds a `direction` field to the input, which the strict contract refuses.
  const entries = useInfiniteQuery({
    queryKey: trpc.auditLog.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.auditLog.list.query({ ...input, cursor: pageParam }, { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = applied.action !== '' || applied.entityType !== '' || applied.entityId !== '';

  function apply(e: FormEvent) {
    e.preventDefault();
    setApplied({ action: draft.action.trim(), entityType: draft.entityType.trim(), entityId: draft.entityId.trim() });
  }

  function clear() {
    setDraft(emptyFilters);
    setApplied(emptyFilters);
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this workspace, whichever way it was made (admin console, API, vendor surfaces), newest first."
      />
      <form
        onSubmit={apply}
        aria-label="Filter the audit log"
        className="mb-6 grid items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-4"
      >
        <Field id="filter-action" label="Action">
          <Input
            id="filter-action"
            placeholder="api_token.create"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          />
        </Field>
        <Field id="filter-entity-type" label="Entity type">
          <Input
            id="filter-entity-type"
            placeholder="api_token"
            value={draft.entityType}
            onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}
          />
        </Field>
        <Field id="filter-entity-id" label="Entity id">
          <Input id="filter-entity-id" value={draft.entityId} onChange={(e) => setDraft({ ...draft, entityId: e.target.value })} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Apply filters</Button>
          <Button variant="secondary" onClick={clear} disabled={!filtered && !draft.action && !draft.entityType && !draft.entityId}>
            Clear
          </Button>
        </div>
      </form>

      <div className="flex flex-col gap-3">
        <ErrorAlert error={entries.error} title="Could not load the audit log" />
        {entries.isPending ? (
          <Loading label="Loading audit log…" />
        ) : items.length === 0 && !entries.error ? (
          <EmptyState title={filtered ? 'No entries match these filters' : 'No audit entries yet'} />
        ) : items.length > 0 ? (
          <EntriesTable items={items} />
        ) : null}
        {entries.hasNextPage ? (
          <div className="flex justify-center">
            <Button variant="secondary" onClick={() => entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
              {entries.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          </div>
        ) : items.length > 0 ? (
          <p className="text-center text-xs text-slate-500">End of the log.</p>
        ) : null}
      </div>
    </>
  );
}

function EntriesTable({ items }: { items: Entry[] }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table caption="Audit log entries">
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Entity</Th>
          <Th>Request</Th>
          <Th>
            <span className="sr-only">Details</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((entry) => {
          const expanded = open.has(entry.id);
          return (
            <Fragment key={entry.id}>
              <tr data-testid="audit-row">
                <Td className="whitespace-nowrap text-slate-600">{formatDateTime(entry.createdAt)}</Td>
                <Td>
                  <span className="font-medium">{entry.actorLabel}</span>
                  <span className="block text-xs text-slate-500">{entry.actorType.replace('_', ' ')}</span>
                </Td>
                <Td>
                  <code className="font-mono text-xs">{entry.action}</code>
                </Td>
                <Td>
                  <span>{entry.entityType}</span>
                  {entry.entityId ? <span className="block font-mono text-xs break-all text-slate-500">{entry.entityId}</span> : null}
                </Td>
                <Td className="font-mono text-xs break-all text-slate-500">{entry.requestId ?? '—'}</Td>
                <Td>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-expanded={expanded}
                    aria-controls={`audit-diff-${entry.id}`}
                    onClick={() => toggle(entry.id)}
                  >
                    {expanded ? 'Hide changes' : 'Show changes'}
                  </Button>
                </Td>
              </tr>
              {expanded ? (
                <tr id={`audit-diff-${entry.id}`}>
                  <td colSpan={6} className="bg-slate-50 px-4 py-3">
                    <AuditDiff before={entry.before} after={entry.after} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}
