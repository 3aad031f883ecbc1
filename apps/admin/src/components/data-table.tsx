'use client';

import { type ColumnDef, type ColumnDefTemplate, getCoreRowModel, type RowSelectionState, useReactTable } from '@tanstack/react-table';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { PAGE_SIZES, type TableState } from '@/lib/table-state';
import { ErrorAlert } from './error-alert';
import { Button, EmptyState, Input, Loading, Select } from './ui';

// The one table of the admin: the server (or `pageLocally` for lists that come whole) pages, sorts and
// filters; this renders the page, the sortable headers, row selection with bulk actions and the pager
// (page size, first/previous/next/last and a jump to any page). State lives in the URL (useTableState).
// On phones each row becomes a card whose cells carry their column name, so row actions stay on screen.

export type Column<T> = {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The server sorts by this column's id. */
  sortable?: boolean;
  className?: string;
};

export type DataTableProps<T> = {
  caption: string;
  columns: Column<T>[];
  data: { items: T[]; total: number } | undefined;
  state: TableState;
  onStateChange: (change: Partial<TableState>) => void;
  rowId: (row: T) => string;
  rowTestId?: (row: T) => string;
  isPending?: boolean;
  error?: unknown;
  /** Placeholder of the free-text filter; omit to hide it. */
  filterPlaceholder?: string;
  /** Extra filters above the table (they write their own keys into the URL state). */
  toolbar?: ReactNode;
  /** Renders the bulk actions for the selected rows; rows become selectable when given. */
  bulkActions?: (selected: T[], clear: () => void) => ReactNode;
  rowActions?: (row: T) => ReactNode;
  empty?: ReactNode;
};

function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, columns, data, state, onStateChange, rowId, bulkActions, rowActions } = props;
  const [selection, setSelection] = useState<RowSelectionState>({});
  // Rows selected on other pages stay selected: their data is kept here by id.
  const seen = useRef(new Map<string, T>());
  for (const row of data?.items ?? []) seen.current.set(rowId(row), row);
  const selected = Object.keys(selection)
    .filter((id) => selection[id])
    .map((id) => seen.current.get(id))
    .filter((row): row is T => row !== undefined);
  const clear = () => setSelection({});

  const defs: ColumnDef<T>[] = [];
  if (bulkActions) {
    defs.push({
      id: '__select',
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select every row on this page"
          className="size-4 accent-indigo-600"
          checked={table.getIsAllPageRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomePageRowsSelected();
          }}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select row ${row.id}`}
          className="size-4 accent-indigo-600"
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
      meta: { label: 'Select' },
    });
  }
  for (const c of columns) {
    defs.push({
      id: c.id,
      header: c.header,
      cell: ({ row }) => c.cell(row.original),
      meta: { label: c.header, className: c.className, sortable: c.sortable },
    });
  }
  if (rowActions)
    defs.push({ id: '__actions', header: 'Actions', cell: ({ row }) => rowActions(row.original), meta: { label: 'Actions' } });

  const pageCount = data ? Math.max(1, Math.ceil(data.total / state.size)) : 1;
  const table = useReactTable({
    data: data?.items ?? [],
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => rowId(row),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: data?.total ?? 0,
    enableRowSelection: Boolean(bulkActions),
    state: {
      rowSelection: selection,
      pagination: { pageIndex: state.page - 1, pageSize: state.size },
      sorting: [{ id: state.sort, desc: state.desc }],
    },
    onRowSelectionChange: setSelection,
  });

  function sortBy(id: string) {
    onStateChange(state.sort === id ? { desc: !state.desc } : { sort: id, desc: false });
  }

  return (
    <div className="flex flex-col gap-3">
      {props.filterPlaceholder !== undefined || props.toolbar ? (
        <div className="flex flex-wrap items-end gap-3">
          {props.filterPlaceholder !== undefined ? (
            <FilterBox caption={caption} value={state.q} placeholder={props.filterPlaceholder} onSubmit={(q) => onStateChange({ q })} />
          ) : null}
          {props.toolbar}
        </div>
      ) : null}
      {bulkActions && selected.length > 0 ? (
        <section
          aria-label="Selected rows"
          className="flex flex-wrap items-center gap-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-100"
        >
          <span data-testid="selected-count">{selected.length} selected</span>
          {bulkActions(selected, clear)}
          <Button variant="ghost" size="sm" onClick={clear}>
            Clear selection
          </Button>
        </section>
      ) : null}
      <ErrorAlert error={props.error} title={`Could not load ${caption.toLowerCase()}`} />
      {!data ? (
        props.isPending !== false ? (
          <Loading label={`Loading ${caption.toLowerCase()}…`} />
        ) : null
      ) : data.items.length === 0 ? (
        <EmptyState title={`No ${caption.toLowerCase()} match`}>{props.empty}</EmptyState>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm sm:overflow-x-auto dark:border-slate-700 dark:bg-slate-900">
          <table aria-label={caption} className="min-w-full text-sm max-sm:block">
            <thead className="max-sm:sr-only">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta as ColumnMeta | undefined;
                    const active = state.sort === header.column.id;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={meta?.sortable && active ? (state.desc ? 'descending' : 'ascending') : undefined}
                        className="bg-slate-50 px-4 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-700 uppercase dark:bg-slate-800 dark:text-slate-200"
                      >
                        {meta?.sortable ? (
                          <button
                            type="button"
                            className="inline-flex items-center gap-1 uppercase hover:text-indigo-700"
                            onClick={() => sortBy(header.column.id)}
                          >
                            {render(header.column.columnDef.header, header.getContext())}
                            <span aria-hidden="true">{active ? (state.desc ? '▼' : '▲') : '↕'}</span>
                          </button>
                        ) : (
                          render(header.column.columnDef.header, header.getContext())
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-slate-100 max-sm:block dark:divide-slate-800">
              {table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  data-testid={props.rowTestId?.(row.original)}
                  className={cx('max-sm:block max-sm:px-3 max-sm:py-2', row.getIsSelected() && 'bg-indigo-50/60 dark:bg-indigo-950/60')}
                >
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta as ColumnMeta | undefined;
                    return (
                      <td
                        key={cell.id}
                        data-label={meta?.label}
                        className={cx(
                          'px-4 py-2.5 align-top text-slate-800 dark:text-slate-100',
                          'max-sm:flex max-sm:items-start max-sm:gap-3 max-sm:px-0 max-sm:py-1 max-sm:before:w-28 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)] dark:max-sm:before:text-slate-300',
                          meta?.className,
                        )}
                      >
                        {render(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data ? <Pager caption={caption} state={state} total={data.total} pageCount={pageCount} onStateChange={onStateChange} /> : null}
    </div>
  );
}

type ColumnMeta = { label?: string; className?: string; sortable?: boolean };

// A header or cell is called, not mounted as a component (flexRender mounts a function as one). A page makes its
// columns and row actions afresh on every render, and React takes each new function for a new component type:
// every cell, with an open confirm dialog or a focused select in it, was torn down and rebuilt whenever the
// list re-rendered, which a live update does for any change in the workspace.
function render<C extends object>(template: ColumnDefTemplate<C> | undefined, context: C): ReactNode {
  return typeof template === 'function' ? template(context) : template;
}

function FilterBox({
  caption,
  value,
  placeholder,
  onSubmit,
}: {
  caption: string;
  value: string;
  placeholder: string;
  onSubmit: (q: string) => void;
}) {
  const [text, setText] = useState(value);
  const id = useId();
  useEffect(() => setText(value), [value]);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(text.trim());
  }
  return (
    <search className="flex min-w-56 flex-1">
      <form aria-label={`Filter ${caption.toLowerCase()}`} onSubmit={submit} className="flex flex-1 items-end gap-2">
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor={id} className="text-sm font-medium text-slate-700 dark:text-slate-200">
            Filter
          </label>
          <Input id={id} type="search" value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} />
        </div>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>
    </search>
  );
}

function Pager({
  caption,
  state,
  total,
  pageCount,
  onStateChange,
}: {
  caption: string;
  state: TableState;
  total: number;
  pageCount: number;
  onStateChange: (change: Partial<TableState>) => void;
}) {
  const id = useId();
  const [jump, setJump] = useState(String(state.page));
  useEffect(() => setJump(String(state.page)), [state.page]);
  const first = total === 0 ? 0 : (state.page - 1) * state.size + 1;
  const last = Math.min(total, state.page * state.size);
  const go = (page: number) => onStateChange({ page: Math.min(Math.max(1, page), pageCount) });
  return (
    <nav
      aria-label={`${caption} pages`}
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700 dark:text-slate-200"
    >
      <span data-testid="table-range">
        {first.toLocaleString('en')}–{last.toLocaleString('en')} of {total.toLocaleString('en')}
      </span>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-size`} className="flex items-center gap-2">
          Rows per page
        </label>
        <Select id={`${id}-size`} className="w-20" value={state.size} onChange={(e) => onStateChange({ size: Number(e.target.value) })}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
        <Button variant="secondary" size="sm" disabled={state.page <= 1} onClick={() => go(1)} aria-label="First page">
          «
        </Button>
        <Button variant="secondary" size="sm" disabled={state.page <= 1} onClick={() => go(state.page - 1)}>
          Previous
        </Button>
        <form
          className="flex items-center gap-1"
          aria-label="Go to page"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(jump);
            if (Number.isInteger(n)) go(n);
          }}
        >
          <label htmlFor={`${id}-page`}>Page</label>
          <Input
            id={`${id}-page`}
            className="w-16 py-1"
            inputMode="numeric"
            value={jump}
            onChange={(e) => setJump(e.target.value)}
            aria-label="Page number"
          />
          <span>of {pageCount.toLocaleString('en')}</span>
          <Button type="submit" variant="secondary" size="sm">
            Go
          </Button>
        </form>
        <Button variant="secondary" size="sm" disabled={state.page >= pageCount} onClick={() => go(state.page + 1)}>
          Next
        </Button>
        <Button variant="secondary" size="sm" disabled={state.page >= pageCount} onClick={() => go(pageCount)} aria-label="Last page">
          »
        </Button>
      </div>
    </nav>
  );
}

/** What a page's list query and table state give the table: `<DataTable {...bindTable(list, [state, setState])} …/>`. */
export function bindTable<T>(
  query: { data?: { items: T[]; total: number }; isPending: boolean; error: unknown },
  [state, onStateChange]: readonly [TableState, (change: Partial<TableState>) => void],
) {
  return { data: query.data, isPending: query.isPending, error: query.error, state, onStateChange };
}
