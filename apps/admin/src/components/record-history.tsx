'use client';

import Link from 'next/link';
import { auditColumns, useAuditPage } from '@/app/(dashboard)/audit-log/audit-log-view';
import { historyHref } from '@/lib/history';
import { useTableState } from '@/lib/table-state';
import { bindTable, DataTable } from './data-table';

/** A record's History tab: its audit entries with their diffs, newest first, paged like every table. */
export function RecordHistory({ entityType, entityId }: { entityType: string; entityId: string }) {
  const [state, setState] = useTableState({ sort: 'time', desc: true, size: 10, key: 'history' });
  const entries = useAuditPage(state, { entityType, entityId });
  return (
    <div className="flex flex-col gap-2">
      <DataTable
        caption="History"
        columns={auditColumns.filter((c) => c.id !== 'entity')}
        {...bindTable(entries, [state, setState])}
        rowId={(e) => String(e.id)}
        rowTestId={() => 'history-row'}
      />
      <Link href={historyHref(entityType, entityId)} className="text-sm text-indigo-800 hover:underline dark:text-indigo-200">
        Open in the audit log
      </Link>
    </div>
  );
}
