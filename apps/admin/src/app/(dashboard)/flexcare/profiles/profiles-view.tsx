'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useHasScope } from '@/components/session';
import { Badge, EmptyState, Field, Input, Loading, PageHeader, Table, Td, Th } from '@/components/ui';
import { useTRPC } from '@/trpc/client';

export function ProfilesView() {
  const trpc = useTRPC();
  const canWrite = useHasScope('flexcare:write');
  const [filter, setFilter] = useState('');
  const profiles = useQuery(trpc.flexcare.profile.list.queryOptions({ limit: 500, ...(filter && { filter }) }));
  const customers = useQuery(trpc.flexcare.customer.list.queryOptions());
  const customerName = new Map(customers.data?.map((c) => [c.id, c.name]));

  return (
    <>
      <PageHeader
        title="FlexCare dialog profiles"
        description="What a FlexCare dialog device gets: its languages, the IP ranges that authenticate licenses automatically, keyboard layouts and the MDM key."
        actions={
          canWrite ? (
            <Link
              href="/flexcare/profiles/new"
              className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white shadow-xs hover:bg-indigo-500"
            >
              New profile
            </Link>
          ) : null
        }
      />
      <div className="flex flex-col gap-6">
        <div className="max-w-sm">
          <Field id="profile-filter" label="Filter by name">
            <Input id="profile-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </Field>
        </div>
        <ErrorAlert error={profiles.error} title="Could not load profiles" />
        {profiles.isPending ? (
          <Loading label="Loading profiles…" />
        ) : profiles.data?.items.length === 0 ? (
          <EmptyState title="No profiles" />
        ) : (
          <Table caption="Dialog profiles">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Customer</Th>
                <Th>Languages</Th>
                <Th>Licenses</Th>
                <Th>ID</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {profiles.data?.items.map((p) => (
                <tr key={p.id} data-testid={`profile-row-${p.name}`}>
                  <Td className="font-medium">
                    <Link href={`/flexcare/profiles/${p.id}`} className="text-indigo-700 hover:underline">
                      {p.name}
                    </Link>
                  </Td>
                  <Td>{customerName.get(p.customer) ?? p.customer}</Td>
                  <Td>{p.allLanguages ? <Badge tone="indigo">all languages</Badge> : p.languages.length}</Td>
                  <Td>{p.totalLicenses}</Td>
                  <Td className="font-mono text-xs">{p.id}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </>
  );
}
