import type { Metadata } from 'next';
import { AppgateSettingsView } from './settings-view';

export const metadata: Metadata = { title: 'Appgate global settings' };

export default function AppgateSettingsPage() {
  return <AppgateSettingsView />;
}
