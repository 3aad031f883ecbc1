import type { Metadata } from 'next';
import { NewClientProfileView } from '../profile-form';

export const metadata: Metadata = { title: 'New Appgate client profile' };

export default function NewAppgateClientProfilePage() {
  return <NewClientProfileView />;
}
