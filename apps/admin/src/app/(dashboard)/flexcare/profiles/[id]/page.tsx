import type { Metadata } from 'next';
import { EditProfileView } from '../profile-form';

export const metadata: Metadata = { title: 'FlexCare dialog profile' };

export default async function FlexcareProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditProfileView id={id} />;
}
