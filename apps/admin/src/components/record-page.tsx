import Link from 'next/link';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert';
import { Loading, PageHeader } from './ui';

// The parts every record page (and its "new" page) shares: the way back to the list beside the title, and
// what shows while the record loads or when it could not be loaded.

/** "All profiles": the link back to the record's list, in the page header's actions. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
      {children}
    </Link>
  );
}

/** Loading, or the page's title, the way back and why the record could not be loaded. */
export function RecordUnavailable({
  pending,
  error,
  title,
  back,
  noun,
}: {
  pending: boolean;
  error: unknown;
  title: string;
  back: ReactNode;
  /** e.g. "the profile" */
  noun: string;
}) {
  if (pending) return <Loading label={`Loading ${noun}…`} />;
  return (
    <>
      <PageHeader title={title} actions={back} />
      <ErrorAlert error={error} title={`Could not load ${noun}`} />
    </>
  );
}
