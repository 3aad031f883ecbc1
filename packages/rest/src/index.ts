export { classifyError, type RestError, type RestErrorClass, RestErrorThrown, restError } from './framework/errors';
export {
  type Caller,
  createNotFoundHandler,
  defineSurface,
  mountSurfaces,
  type Envelope,
  type RouteContext,
  registerSurface,
  replyWithError,
  type Surface,
  type SurfaceDeps,
  type SurfaceMount,
  type SurfaceRoute,
} from './framework/surface';
export { surfaces } from './surfaces';
