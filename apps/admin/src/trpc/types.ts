import type { AppRouter } from '@profilehub/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** `RouterOutputs['apiToken']['list'][number]` etc. — type-only, nothing of the server reaches the bundle. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type Me = RouterOutputs['auth']['me'];
