'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { ConfirmButton } from '@/components/confirm-button';
import { bindTable, type Column, DataTable } from '@/components/data-table';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { useRemoveEach } from '@/components/toast';
import { Badge, PageHeader } from '@/components/ui';
import { pageInput, useTableState } from '@/lib/table-state';
import { useTRPC } from '@/trpc/client';
import type { RouterOutputs } from '@/trpc/types';

type Profile = RouterOutputs['flexcare']['profile']['page']['items'][number];

export function ProfilesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useHasScope('flexcare:write');
  const [state, setState] = useTableState({ sort: 'name', size: 25 });
  const profiles = useQuery({
    ...trpc.flexcare.profile.page.queryOptions(pageInput(state, ['name'])),
    placeholderData: keepPreviousData,
  });
  const customers = useQuery(trpc.flexcare.customer.list.queryOptions());
  const customerName = new Map(customers.data?.map((c) => [c.id, c.name]));
  const remove = useMutation(trpc.flexcare.profile.delete.mutationOptions());

  const removeEach = useRemoveEach('profile', 'profiles');
  async function deleteProfiles(rows: Profile[]) {
    await removeEach(rows, (row) => remove.mutateAsync({ id: row.id }));
    await queryClient.invalidateQueries({ queryKey: trpc.flexcare.profile.pathKey() });
  }

  const columns: Column<Profile>[] = [
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      cell: (p) => (
        <Link href={`/flexcare/profiles/${p.id}`} className="font-medium text-indigo-800 hover:underline dark:text-indigo-200">
          {p.name}
        </Link>
      ),
    },
    { id: 'customer', header: 'Customer', cell: (p) => customerName.get(p.customer) ?? p.customer },
    {
      id: 'languages',
      header: 'Languages',
      cell: (p) => (p.allLanguages ? <Badge tone="indigo">all languages</Badge> : p.languages.length),
    },
    { id: 'licenses', header: 'Licenses', cell: (p) => p.totalLicenses },
    { id: 'id', header: 'ID', className: 'font-mono text-xs break-all', cell: (p) => p.id },
  ];

  return (
    <>
      <PageHeader
        title="FlexCare dialog profiles"
        description="What a FlexCare dialog device gets: its languages, the IP ranges that authenticate licenses automatically, keyboard layouts and the MDM key."
        actions={
          canWrite ? (
            <Link
              href="/flexcare/profiles/new"
              className="rounded-md bg-indigo-700 px-3.5 py-2 text-sm font-medium text-white shadow-xs hover:bg-indigo-600"
            >
              New profile
            </Link>
          ) : null
        }
      />
      <ErrorAlert error={remove.error} title="Could not delete" />
      <DataTable
        caption="Dialog profiles"
        columns={columns}
        {...bindTable(profiles, [state, setState])}
        rowId={(p) => p.id}
        rowTestId={(p) => `profile-row-${p.name}`}
        filterPlaceholder="Name contains…"
        bulkActions={
          canWrite
            ? (selected, clear) => (
                <ConfirmButton
                  label={`Delete ${selected.length}`}
                  title={`Delete ${selected.length} profiles?`}
                  confirmLabel="Delete profiles"
                  onConfirm={() => void deleteProfiles(selected).then(clear)}
                />
              )
            : undefined
        }
      />
    </>
  );
}
