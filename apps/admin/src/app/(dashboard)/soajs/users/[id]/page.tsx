import type { Metadata } from 'next';
import { ConfigEditor } from './config-editor';

export const metadata: Metadata = { title: 'SOAJS user config' };

export default async function SoajsUserConfigPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConfigEditor id={id} />;
}
