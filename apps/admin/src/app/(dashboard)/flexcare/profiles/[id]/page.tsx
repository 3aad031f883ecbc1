import type { Metadata } from 'next';
import { RecordTabs } from '@/components/record-tabs';
import { EditProfileView } from '../profile-form';

export const metadata: Metadata = { title: 'FlexCare dialog profile' };

export default async function FlexcareProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RecordTabs entityType="flexcare_profile" entityId={id}>
      <EditProfileView id={id} />
    </RecordTabs>
  );
}
