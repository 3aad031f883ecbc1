'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NothingToChoose, WithStoredChoice } from '@/components/stored-choice';
import { useTRPC } from '@/trpc/client';

export type TenantChoice = { id: string; code: string; locked: boolean };

/** Groups, user counts and new users belong to a tenant: the selector, then `children(tenant)`. */
export function WithSoajsTenant({ children }: { children: (tenant: TenantChoice) => ReactNode }) {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.soajs.tenant.list.queryOptions());
  return (
    <WithStoredChoice
      items={tenants.data}
      isPending={tenants.isPending}
      error={tenants.error}
      noun="SOAJS tenants"
      storageKey="profilehub.soajs.tenantId"
      id="soajs-tenant"
      label="Acting for tenant"
      idOf={(t) => t.id}
      optionLabel={(t) => `${t.code} — ${t.name}${t.locked ? ' (root)' : ''}`}
      selectClassName="max-w-sm"
      empty={<NothingToChoose title="No SOAJS tenant yet">Create one on the Tenants page first.</NothingToChoose>}
    >
      {(t) => children({ id: t.id, code: t.code, locked: t.locked })}
    </WithStoredChoice>
  );
}
