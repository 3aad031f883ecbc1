import type { Metadata } from 'next';
import { DirectoryView } from './directory-view';

export const metadata: Metadata = { title: 'FlexCare resellers, customers and employees' };

export default function FlexcareDirectoryPage() {
  return <DirectoryView />;
}
