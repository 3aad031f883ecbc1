import { appgateSurface } from './appgate/surface';
import { flexcareSurface } from './flexcare/surface';
import type { SurfaceMount } from './framework/surface';
import { rpdbSurface } from './rpdb/surface';
import { soajsSurface } from './soajs/surface';
import { twonSurface } from './twon/surface';

/** Every vendor surface the server mounts, each with the prefixes it is mounted under. */
export const surfaces: SurfaceMount[] = [
  { surface: flexcareSurface, mounts: [''] },
  { surface: appgateSurface, mounts: [''] },
  { surface: rpdbSurface, mounts: ['', '/api/v1'] },
  { surface: twonSurface, mounts: [''] },
  { surface: soajsSurface, mounts: [''] },
];
