import type { Metadata } from 'next';
import { DirectoriesView } from './directories-view';

export const metadata: Metadata = { title: '2N directories' };

export default function TwonDirectoriesPage() {
  return <DirectoriesView />;
}
