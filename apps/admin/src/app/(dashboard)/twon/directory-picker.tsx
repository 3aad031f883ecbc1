'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NothingToChoose, rememberChoice, WithStoredChoice } from '@/components/stored-choice';
import { useTRPC } from '@/trpc/client';

// The 2N entry pages work on one directory (one emulated device); entries, import/export and changes stay
// on the same one.
const STORAGE_KEY = 'profilehub.twon.directoryId';

export type TwonDirectoryInfo = { id: string; name: string; model: string; series: string; timestamp: number };

export function rememberDirectory(id: string) {
  rememberChoice(STORAGE_KEY, id);
}

/** Renders the directory selector, then `children(directory)` once one is chosen. */
export function WithTwonDirectory({ children }: { children: (directory: TwonDirectoryInfo) => ReactNode }) {
  const trpc = useTRPC();
  const directories = useQuery(trpc.twoN.directory.list.queryOptions());
  return (
    <WithStoredChoice
      items={directories.data}
      isPending={directories.isPending}
      error={directories.error}
      noun="directories"
      storageKey={STORAGE_KEY}
      id="twon-directory"
      label="Directory"
      idOf={(d) => d.id}
      optionLabel={(d) => `${d.name} (${d.model})`}
      selectClassName="max-w-md"
      empty={<NothingToChoose title="No 2N directory yet">Create one on the Directories page first.</NothingToChoose>}
    >
      {children}
    </WithStoredChoice>
  );
}
