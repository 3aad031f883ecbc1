import type { Metadata } from 'next';
import { ApiKeysView } from './api-keys-view';

export const metadata: Metadata = { title: 'RPdb API keys' };

export default function RpdbApiKeysPage() {
  return <ApiKeysView />;
}
