export { type AuthDeps, type Authenticate, createRequestContext } from './framework/context';
export { classifyError, type RestError, type RestErrorClass, RestErrorThrown, restError } from './framework/errors';
export type { InvalidRequest, RouteSchema } from './framework/route-schema';
export {
  type Caller,
  createUnroutedResponder,
  defineRoute,
  defineSurface,
  type Envelope,
  mountSurfaces,
  type RouteContext,
  registerSurface,
  replyWithError,
  type Surface,
  type SurfaceDeps,
  type SurfaceMount,
  type SurfaceRoute,
  type UnroutedResponder,
} from './framework/surface';
export { type SurfaceDocs, surfaceDocument } from './openapi/surface';
export { trpcDocument } from './openapi/trpc';
export { surfaces, vendorSurfaces } from './surfaces';
