import type { TRPCRouterRecord } from '@trpc/server';
import type { Scope } from './auth/scope';
import type { AdminContext } from './context';

// Types a vendor's folder implements. Kept apart from the lists that use them (vendors.ts, seed.ts), so a
// vendor's files import these types without importing the lists that import the vendor back.

export type DemoSeedEnv = { apiUrl: string; adminUrl: string };

/** One vendor's demo data; returns its section of demo-credentials.json (named by the vendor key). */
export type DemoSeeder = {
  seed(ctx: AdminContext, env: DemoSeedEnv): Promise<Record<string, unknown>>;
};

/**
 * What the API layer knows of a vendor. `key` names its router (`appRouter.<key>`), its section of the
 * demo credentials and, in packages/rest and apps/admin, its surface and nav section.
 */
export type VendorManifest<K extends string = string, R extends TRPCRouterRecord = TRPCRouterRecord, A = unknown> = {
  key: K;
  /** The scopes its procedures require; admins hold them by role, its own credentials by their rights. */
  scopes: readonly Scope[];
  router: R;
  seeder: DemoSeeder;
  /**
   * Its principal service's credential → actor check, whatever its shape: the REST adapter's auth
   * convention reads the credential off the request and calls this (`vendorManifests.<key>.authenticate`).
   */
  authenticate: A;
};

export function defineVendor<const K extends string, R extends TRPCRouterRecord, A>(
  manifest: VendorManifest<K, R, A>,
): VendorManifest<K, R, A> {
  return manifest;
}
