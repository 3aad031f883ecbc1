'use client';

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { EmptyState, Field, Loading, Select } from '@/components/ui';
import { useTRPC } from '@/trpc/client';

// Groups, user counts and new users belong to a tenant; the admin acts for the chosen one (kept in
// localStorage so the SOAJS pages stay on the same tenant).
const STORAGE_KEY = 'profilehub.soajs.tenantId';

export type TenantChoice = { id: string; code: string; locked: boolean };

/** Renders the tenant selector, then `children(tenant)` once one is chosen. */
export function WithSoajsTenant({ children }: { children: (tenant: TenantChoice) => ReactNode }) {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.soajs.tenant.list.queryOptions());
  const [stored, setStored] = useState<string | null>(null);
  useEffect(() => setStored(window.localStorage.getItem(STORAGE_KEY)), []);

  if (tenants.isPending) return <Loading label="Loading SOAJS tenants…" />;
  if (tenants.error) return <ErrorAlert error={tenants.error} title="Could not load SOAJS tenants" />;
  const list = tenants.data;
  const current = list.find((t) => t.id === stored) ?? list[0];
  if (!current) return <EmptyState title="No SOAJS tenant yet">Create one on the Tenants page first.</EmptyState>;
  return (
    <div className="flex flex-col gap-6">
      <Field id="soajs-tenant" label="Acting for tenant">
        <Select
          id="soajs-tenant"
          value={current.id}
          onChange={(e) => {
            window.localStorage.setItem(STORAGE_KEY, e.target.value);
            setStored(e.target.value);
          }}
          className="max-w-sm"
        >
          {list.map((t) => (
            <option key={t.id} value={t.id}>
              {t.code} — {t.name}
              {t.locked ? ' (root)' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {children({ id: current.id, code: current.code, locked: current.locked })}
    </div>
  );
}
