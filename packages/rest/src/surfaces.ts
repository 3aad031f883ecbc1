import type { VendorKey } from '@profilehub/api';
import { appgateSurface } from './appgate/surface';
import { flexcareSurface } from './flexcare/surface';
import type { SurfaceMount } from './framework/surface';
import { rpdbSurface } from './rpdb/surface';
import { soajsSurface } from './soajs/surface';
import { twonSurface } from './twon/surface';

/**
 * Every vendor surface the server mounts, each with the prefixes it is mounted under, keyed by the vendor
 * key of the API's manifest list (packages/api `vendors.ts`): a vendor without a surface fails to compile.
 */
export const vendorSurfaces = {
  flexcare: { surface: flexcareSurface, mounts: [''] },
  appgate: { surface: appgateSurface, mounts: [''] },
  rpdb: { surface: rpdbSurface, mounts: ['', '/api/v1'] },
  twoN: { surface: twonSurface, mounts: [''] },
  soajs: { surface: soajsSurface, mounts: [''] },
} satisfies Record<VendorKey, SurfaceMount>;

export const surfaces: SurfaceMount[] = Object.values(vendorSurfaces);
