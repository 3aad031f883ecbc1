'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type ReactNode, useId } from 'react';
import { RecordHistory } from './record-history';

/**
 * A record page's tabs: its editor ("Details") and its History (the audit log of that one record). The open
 * tab is in the URL (`?tab=history`, with the history table's own `history.page`…), so Back returns to it.
 */
export function RecordTabs({ entityType, entityId, children }: { entityType: string; entityId: string; children: ReactNode }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tab = params.get('tab') === 'history' ? 'history' : 'details';
  const setTab = (next: 'details' | 'history') => {
    const query = new URLSearchParams(params.toString());
    if (next === 'history') query.set('tab', 'history');
    else query.delete('tab');
    router.replace(query.size > 0 ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const id = useId();
  const tabs = [
    { key: 'details', label: 'Details' },
    { key: 'history', label: 'History' },
  ] as const;
  return (
    <div className="flex flex-col gap-4">
      <div role="tablist" aria-label="Record" className="flex gap-1 border-b border-slate-200 dark:border-slate-700">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`${id}-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`${id}-${t.key}-panel`}
            onClick={() => setTab(t.key)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              tab === t.key
                ? 'border-indigo-700 text-indigo-800 dark:border-indigo-300 dark:text-indigo-200'
                : 'border-transparent text-slate-700 hover:text-slate-900 dark:text-slate-300'
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${tab}-panel`} aria-labelledby={`${id}-${tab}`}>
        {tab === 'details' ? children : <RecordHistory entityType={entityType} entityId={entityId} />}
      </div>
    </div>
  );
}
