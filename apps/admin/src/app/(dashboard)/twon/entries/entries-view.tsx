'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { useToast } from '@/components/toast';
import { Badge, PageHeader } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';
import { type TwonDirectoryInfo, WithTwonDirectory } from '../directory-picker';

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

type Entry = RouterOutputs['twoN']['dir']['list']['items'][number];
type Sort = NonNullable<RouterInputs['twoN']['dir']['list']['sort']>;
const SORTS: Sort[] = ['name', 'timestamp', 'updated'];

function Entries({ directory }: { directory: TwonDirectoryInfo }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useHasScope('twon:write');
  const [state, setState] = useTableState({ sort: 'name', size: 25, filters: ['deleted'] });
  const includeDeleted = state.filters.deleted === '1';
  const entries = useQuery({
    ...trpc.twoN.dir.list.queryOptions({
      directoryId: directory.id,
      search: state.q,
      includeDeleted,
      page: state.page,
      pageSize: state.size,
      sort: SORTS.includes(state.sort as Sort) ? (state.sort as Sort) : 'name',
      desc: state.desc,
    }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation(
    trpc.twoN.dir.delete.mutationOptions({
      onSuccess: (_, input) => {
        const n = input.users?.length ?? 0;
        toast({ message: n === 1 ? 'Deleted 1 entry' : `Deleted ${n} entries` });
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.twoN.dir.pathKey() }),
    }),
  );
  const deleteEntries = (rows: Entry[]) => remove.mutateAsync({ directoryId: directory.id, users: rows.map((r) => ({ uuid: r.uuid })) });

  const columns: Column<Entry>[] = [
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      cell: (e) =>
        e.deleted ? (
          <Badge tone="red">deleted</Badge>
        ) : (
          <Link className="font-medium text-indigo-800 hover:underline dark:text-indigo-200" href={`/twon/entries/edit?uuid=${e.uuid}`}>
            {e.name || '(no name)'}
          </Link>
        ),
    },
    { id: 'email', header: 'E-mail', cell: (e) => e.email },
    { id: 'owner', header: 'Owner', cell: (e) => e.owner },
    { id: 'uuid', header: 'UUID', className: 'font-mono text-xs break-all', cell: (e) => e.uuid },
    { id: 'timestamp', header: 'Timestamp', sortable: true, cell: (e) => e.timestamp },
    { id: 'updated', header: 'Changed', sortable: true, cell: (e) => formatDateTime(e.updatedAt) },
  ];

  return (
    <div className="flex flex-col gap-4">
      <ErrorAlert error={remove.error} title="Could not delete" />
      <DataTable
        caption="Directory entries"
        columns={columns}
        {...bindTable(entries, [state, setState])}
        rowId={(e) => e.uuid}
        rowTestId={(e) => `twon-entry-row-${e.name || e.uuid}`}
        filterPlaceholder="Name, e-mail, owner or uuid"
        toolbar={
          <label className="flex items-center gap-2 pb-2 text-sm text-slate-700 dark:text-slate-200">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              checked={includeDeleted}
              onChange={(e) => setState({ filters: { deleted: e.target.checked ? '1' : '' } })}
            />
            Show deleted
          </label>
        }
        bulkActions={
          canWrite
            ? (selected, clear) => (
                <ConfirmButton
                  label={`Delete ${selected.length}`}
                  title={`Delete ${selected.length} entries?`}
                  confirmLabel="Delete entries"
                  onConfirm={() => void deleteEntries(selected.filter((e) => !e.deleted)).then(clear)}
                >
                  Devices learn about the deletion on their next sync (the entries stay as tombstones).
                </ConfirmButton>
              )
            : undefined
        }
        rowActions={
          canWrite
            ? (e) =>
                e.deleted ? null : (
                  <ConfirmButton
                    label="Delete"
                    title={`Delete “${e.name || e.uuid}”?`}
                    confirmLabel="Delete entry"
                    onConfirm={() => void deleteEntries([e])}
                  >
                    Devices learn about the deletion on their next sync.
                  </ConfirmButton>
                )
            : undefined
        }
      />
    </div>
  );
}
