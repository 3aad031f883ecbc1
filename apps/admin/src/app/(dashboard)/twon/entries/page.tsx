import type { Metadata } from 'next';
import { EntriesView } from './entries-view';

export const metadata: Metadata = { title: '2N entries' };

export default function TwonEntriesPage() {
  return <EntriesView />;
}
