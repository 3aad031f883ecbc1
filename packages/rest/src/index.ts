export { type AuthDeps, type Authenticate, createRequestContext } from './framework/context';
export { classifyError, type RestError, type RestErrorClass, RestErrorThrown, restError } from './framework/errors';
export {
  type Caller,
  createUnroutedResponder,
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
export { surfaces, vendorSurfaces } from './surfaces';
