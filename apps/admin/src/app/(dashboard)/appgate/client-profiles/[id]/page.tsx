import type { Metadata } from 'next';
import { EditClientProfileView } from '../profile-form';

export const metadata: Metadata = { title: 'Appgate client profile' };

export default async function AppgateClientProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditClientProfileView id={id} />;
}
