import type { Metadata } from 'next';
import { RecordTabs } from '@/components/record-tabs';
import { EditClientProfileView } from '../profile-form';

export const metadata: Metadata = { title: 'Appgate client profile' };

export default async function AppgateClientProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RecordTabs entityType="appgate_client_profile" entityId={id}>
      <EditClientProfileView id={id} />
    </RecordTabs>
  );
}
