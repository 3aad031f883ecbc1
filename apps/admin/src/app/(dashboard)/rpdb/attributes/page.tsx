import type { Metadata } from 'next';
import { AttributesView } from './attributes-view';

export const metadata: Metadata = { title: 'RPdb attributes' };

export default function RpdbAttributesPage() {
  return <AttributesView />;
}
