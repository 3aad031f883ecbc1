import type { Metadata } from 'next';
import { ProfilesView } from './profiles-view';

export const metadata: Metadata = { title: 'RPdb profiles' };

export default function RpdbProfilesPage() {
  return <ProfilesView />;
}
