import type { Metadata } from 'next';
import { IdentityProvidersView } from './identity-providers-view';

export const metadata: Metadata = { title: 'Appgate identity providers' };

export default function AppgateIdentityProvidersPage() {
  return <IdentityProvidersView />;
}
