import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';
import { AcmeFaultSchema, invalidRequest } from './wire';

/**
 * Acme users: the private sixth vendor that docs/adding-a-surface.md is verified with. Only its test mounts
 * it (it is not in `surfaces.ts`), so the server never serves it.
 */
export const acmeSurface = defineSurface({
  name: 'acme',
  prefixes: ['/acme'],
  routes,
  authenticate,
  envelope,
  invalidRequest,
  docs: {
    title: 'Acme users (private test surface)',
    version: 'v1',
    description:
      'Users at `/acme/v1/users`, authorised by `Authorization: AcmeKey <key>`. Errors are `{"fault":{"code","reason","field"?}}`.',
    securitySchemes: { acmeKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`AcmeKey <key>`' } },
    security: [{ acmeKey: [] }],
    error: {
      schema: AcmeFaultSchema,
      statuses: {
        400: '1400: a field is invalid (field names it)',
        401: '1001: no key; 1002: unknown key',
        409: '1409: the user_name is taken',
      },
    },
  },
});
