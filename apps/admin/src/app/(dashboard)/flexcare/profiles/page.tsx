import type { Metadata } from 'next';
import { ProfilesView } from './profiles-view';

export const metadata: Metadata = { title: 'FlexCare dialog profiles' };

export default function FlexcareProfilesPage() {
  return <ProfilesView />;
}
