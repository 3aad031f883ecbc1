import type { Metadata } from 'next';
import { ClientProfilesView } from './client-profiles-view';

export const metadata: Metadata = { title: 'Appgate client profiles' };

export default function AppgateClientProfilesPage() {
  return <ClientProfilesView />;
}
