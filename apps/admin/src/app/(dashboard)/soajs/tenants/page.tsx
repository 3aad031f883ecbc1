import type { Metadata } from 'next';
import { TenantsView } from './tenants-view';

export const metadata: Metadata = { title: 'SOAJS tenants' };

export default function SoajsTenantsPage() {
  return <TenantsView />;
}
