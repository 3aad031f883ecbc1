import type { Metadata } from 'next';
import { ChangesView } from './changes-view';

export const metadata: Metadata = { title: '2N changes' };

export default function TwonChangesPage() {
  return <ChangesView />;
}
