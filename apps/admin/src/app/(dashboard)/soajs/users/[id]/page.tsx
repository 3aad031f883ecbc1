import type { Metadata } from 'next';
import { RecordTabs } from '@/components/record-tabs';
import { ConfigEditor } from './config-editor';

export const metadata: Metadata = { title: 'SOAJS user' };

export default async function SoajsUserConfigPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RecordTabs entityType="soajs_user" entityId={id}>
      <ConfigEditor id={id} />
    </RecordTabs>
  );
}
