'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** On the "cannot reach the API" page: asks the server again every few seconds, so the page recovers by itself. */
export function AutoRetry({ everyMs = 3_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
