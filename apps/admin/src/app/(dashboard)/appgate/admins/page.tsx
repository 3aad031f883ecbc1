import type { Metadata } from 'next';
import { AppgateAdminsView } from './admins-view';

export const metadata: Metadata = { title: 'Appgate admin users' };

export default function AppgateAdminsPage() {
  return <AppgateAdminsView />;
}
