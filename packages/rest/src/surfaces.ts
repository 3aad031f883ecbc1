import type { Surface } from './framework/surface';

/** Every vendor surface the server mounts, each with the prefixes it is mounted under. */
export const surfaces: { surface: Surface; mounts: string[] }[] = [];
