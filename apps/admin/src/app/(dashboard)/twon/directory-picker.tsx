'use client';

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { EmptyState, Field, Loading, Select } from '@/components/ui';
import { useTRPC } from '@/trpc/client';

// The 2N entry pages work on one directory (one emulated device). The choice is kept in localStorage so the
// entries, import/export and changes pages stay on the same one.
const STORAGE_KEY = 'profilehub.twon.directoryId';

export type TwonDirectoryInfo = { id: string; name: string; model: string; series: string; timestamp: number };

export function rememberDirectory(id: string) {
  window.localStorage.setItem(STORAGE_KEY, id);
}

/** Renders the directory selector, then `children(directory)` once one is chosen. */
export function WithTwonDirectory({ children }: { children: (directory: TwonDirectoryInfo) => ReactNode }) {
  const trpc = useTRPC();
  const directories = useQuery(trpc.twoN.directory.list.queryOptions());
  const [stored, setStored] = useState<string | null>(null);
  useEffect(() => {
    setStored(window.localStorage.getItem(STORAGE_KEY));
  }, []);

  if (directories.isPending) return <Loading label="Loading directories…" />;
  if (directories.error) return <ErrorAlert error={directories.error} title="Could not load directories" />;
  const list = directories.data;
  const current = list.find((d) => d.id === stored) ?? list[0];
  if (!current) return <EmptyState title="No 2N directory yet">Create one on the Directories page first.</EmptyState>;
  return (
    <div className="flex flex-col gap-6">
      <Field id="twon-directory" label="Directory">
        <Select
          id="twon-directory"
          value={current.id}
          onChange={(e) => {
            rememberDirectory(e.target.value);
            setStored(e.target.value);
          }}
          className="max-w-md"
        >
          {list.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.model})
            </option>
          ))}
        </Select>
      </Field>
      {children(current)}
    </div>
  );
}
