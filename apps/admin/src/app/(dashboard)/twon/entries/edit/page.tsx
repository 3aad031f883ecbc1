import type { Metadata } from 'next';
import { EntryEditor } from './entry-editor';

export const metadata: Metadata = { title: '2N entry' };

export default async function TwonEntryEditPage({ searchParams }: { searchParams: Promise<{ uuid?: string }> }) {
  const { uuid } = await searchParams;
  return <EntryEditor uuid={uuid ?? null} />;
}
