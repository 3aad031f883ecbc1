import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { OverviewView } from './overview-view';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  return (
    <>
      <PageHeader
        title="Overview"
        description="How much each surface holds and what changed last. Profilehub serves the same data to this console, typed API clients and vendor-compatible REST surfaces."
      />
      <OverviewView />
    </>
  );
}
