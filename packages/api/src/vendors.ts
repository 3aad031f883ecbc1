import { appgateVendor } from './router/appgate/manifest';
import { flexcareVendor } from './router/flexcare/manifest';
import { rpdbVendor } from './router/rpdb/manifest';
import { soajsVendor } from './router/soajs/manifest';
import { twonVendor } from './router/twon/manifest';
import type { VendorManifest } from './vendor';

/**
 * The vendors this API serves, one manifest each (`router/<vendor>/manifest.ts`). The root router, the
 * scope catalog and the demo seed derive from this list; packages/rest (`surfaces.ts`) and the admin nav
 * (`apps/admin/src/nav.ts`) keep their own list keyed by the same `VendorKey`. Adding a vendor: one line.
 */
export const vendors = [appgateVendor, flexcareVendor, rpdbVendor, soajsVendor, twonVendor] as const;

export type VendorKey = (typeof vendors)[number]['key'];

type RoutersOf<T extends readonly VendorManifest[]> = { [V in T[number] as V['key']]: V['router'] };

/** Each vendor's router under its key (`appRouter.twoN`, `appRouter.rpdb`, …). */
export const vendorRouters = Object.fromEntries(vendors.map((v) => [v.key, v.router])) as RoutersOf<typeof vendors>;

type ManifestsOf<T extends readonly VendorManifest[]> = { [V in T[number] as V['key']]: V };

/** Each vendor's manifest under its key (`vendorManifests.rpdb.authenticate`). */
export const vendorManifests = Object.fromEntries(vendors.map((v) => [v.key, v])) as ManifestsOf<typeof vendors>;
