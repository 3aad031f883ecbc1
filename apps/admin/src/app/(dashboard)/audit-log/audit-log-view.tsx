'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useEffect, useState } from 'react';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { Button, Field, Input, PageHeader, Select } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { entityLabel, entityTypes, recordHref } from '@/lib/history';
import { type TableState, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';
import { AuditDiff } from './audit-diff';

type Entry = RouterOutputs['auditLog']['page']['items'][number];
const FILTERS = ['actor', 'entityType', 'entityId', 'from', 'to'];

/** One page of audit entries for the given state; also the History tab's source. */
export function useAuditPage(state: TableState, fixed: { entityType?: string; entityId?: string } = {}) {
  const trpc = useTRPC();
  const f = state.filters;
  // Dates are days: `to` includes the whole day.
  const from = f.from ? new Date(`${f.from}T00:00:00`) : undefined;
  const to = f.to ? new Date(`${f.to}T23:59:59.999`) : undefined;
  return useQuery({
    ...trpc.auditLog.page.queryOptions({
      offset: (state.page - 1) * state.size,
      limit: state.size,
      desc: state.desc,
      q: state.q,
      actor: f.actor ?? '',
      entityType: fixed.entityType ?? f.entityType ?? '',
      entityId: fixed.entityId ?? f.entityId ?? '',
      from: from && !Number.isNaN(from.getTime()) ? from : undefined,
      to: to && !Number.isNaN(to.getTime()) ? to : undefined,
    }),
    placeholderData: keepPreviousData,
  });
}

export const auditColumns: Column<Entry>[] = [
  { id: 'time', header: 'Time', sortable: true, className: 'whitespace-nowrap', cell: (e) => formatDateTime(e.createdAt) },
  {
    id: 'actor',
    header: 'Actor',
    cell: (e) => (
      <>
        <span className="font-medium">{e.actorLabel}</span>
        <span className="block text-xs text-slate-600 dark:text-slate-300">{e.actorType.replace('_', ' ')}</span>
      </>
    ),
  },
  { id: 'action', header: 'Action', cell: (e) => <code className="font-mono text-xs">{e.action}</code> },
  {
    id: 'entity',
    header: 'Entity',
    cell: (e) => {
      const href = recordHref(e.entityType, e.entityId, e.entityName);
      const name = e.entityName ?? e.entityId ?? '—';
      return (
        <>
          <span className="block text-xs text-slate-600 dark:text-slate-300">{entityLabel(e.entityType)}</span>
          {href ? (
            <Link href={href} className="font-medium text-indigo-800 hover:underline dark:text-indigo-200">
              {name}
            </Link>
          ) : (
            <span className="font-medium">{name}</span>
          )}
        </>
      );
    },
  },
  {
    id: 'changes',
    header: 'Changes',
    cell: (e) => (
      <details data-testid="audit-changes">
        <summary className="cursor-pointer text-sm text-indigo-800 dark:text-indigo-200">Show changes</summary>
        <div className="mt-2 min-w-72">
          <AuditDiff before={e.before} after={e.after} />
        </div>
      </details>
    ),
  },
];

export function AuditLogView() {
  const [state, setState] = useTableState({ sort: 'time', desc: true, size: 50, filters: FILTERS });
  const entries = useAuditPage(state);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this workspace, whichever way it was made (admin console, API, vendor surfaces), newest first."
      />
      <DataTable
        caption="Audit entries"
        columns={auditColumns}
        {...bindTable(entries, [state, setState])}
        rowId={(e) => String(e.id)}
        rowTestId={() => 'audit-row'}
        filterPlaceholder="Text in the action, entity, actor or values (e.g. rpdb)"
        toolbar={<AuditFilters state={state} onApply={(filters) => setState({ filters })} />}
      />
    </>
  );
}

function AuditFilters({ state, onApply }: { state: TableState; onApply: (filters: Record<string, string>) => void }) {
  const [draft, setDraft] = useState(state.filters);
  // Reset the draft only when the applied filters change (not when the search or the page does), so a
  // selection made while another change is on its way is kept.
  const applied = JSON.stringify(state.filters);
  useEffect(() => setDraft(JSON.parse(applied) as Record<string, string>), [applied]);
  const set = (name: string) => (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value });
  function apply(e: FormEvent) {
    e.preventDefault();
    onApply(Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim()])));
  }
  return (
    <form onSubmit={apply} aria-label="Audit filters" className="grid w-full items-end gap-3 sm:grid-cols-2 lg:grid-cols-6">
      <Field id="filter-actor" label="Actor">
        <Input id="filter-actor" placeholder="admin" value={draft.actor ?? ''} onChange={set('actor')} />
      </Field>
      <Field id="filter-entity-type" label="Entity">
        <Select id="filter-entity-type" value={draft.entityType ?? ''} onChange={set('entityType')}>
          <option value="">Any</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {entityLabel(t)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="filter-entity-id" label="Entity id">
        <Input id="filter-entity-id" value={draft.entityId ?? ''} onChange={set('entityId')} />
      </Field>
      <Field id="filter-from" label="From">
        <Input id="filter-from" type="date" value={draft.from ?? ''} onChange={set('from')} />
      </Field>
      <Field id="filter-to" label="To">
        <Input id="filter-to" type="date" value={draft.to ?? ''} onChange={set('to')} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button variant="secondary" onClick={() => onApply(Object.fromEntries(FILTERS.map((k) => [k, ''])))}>
          Clear
        </Button>
      </div>
    </form>
  );
}
