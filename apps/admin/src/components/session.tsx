'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { Me } from '@/trpc/types';

const SessionContext = createContext<Me | null>(null);

/** Set by the dashboard layout from its server-side `auth.me` check. */
export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

/** The signed-in user (inside the dashboard only). */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() is only available inside the dashboard layout');
  return me;
}

export function useHasScope(scope: string): boolean {
  return (useSession().scopes as readonly string[]).includes(scope);
}
