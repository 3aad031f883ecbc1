import { z } from 'zod';
import { RestErrorThrown, restError } from '../framework/errors';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';
import { invalidRequest } from './wire';

/**
 * RPdb (rpjosh.de) profile and attribute reads, seed 001. Mounted at the root and under `/api/v1`. Every URL
 * under `/api/v1` is RPdb's (the official client's base URL), as are its resource paths at the root, so
 * they all answer in RPdb's envelope; `/api/dir/…` and the rest of `/api/…` belong to the 2N surface.
 */
export const rpdbSurface = defineSurface({
  name: 'rpdb',
  prefixes: ['/profile', '/attribute', '/entry', '/update', '/api/v1'],
  routes,
  authenticate,
  envelope,
  invalidRequest,
  docs: {
    title: 'RPdb profiles (Profilehub compatibility surface)',
    version: 'v1',
    description:
      'RPdb (rpjosh.de) profile API and attribute reads, served at `/profile…`, `/attribute…` and under `/api/v1`. Every answer under these prefixes, ' +
      "errors included, uses RPdb's envelope. Messages follow the `Language` header (`de` or English).",
    securitySchemes: {
      apiKey: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Key',
        description: 'A 64-character RPdb API key; its per-attribute rights decide what it sees',
      },
    },
    security: [{ apiKey: [] }],
    error: {
      schema: z.object({
        error: z.object({
          id: z.string().describe('e.g. AUTHENTICATION_FAILED, PROFILE_NOT_FOUND, INVALID_FIELD, INVALID_ID, NOT_PRIVILEGED, NO_RIGHT'),
          message: z.string(),
          detailedErrorDescription: z.string(),
        }),
      }),
      statuses: {
        400: 'INVALID_FIELD or INVALID_ID',
        401: 'AUTHENTICATION_FAILED: missing, unknown or revoked key',
        403: 'NO_RIGHT: the key lacks the right on an attribute',
        404: 'PROFILE_NOT_FOUND / ATTRIBUTE_NOT_FOUND, or hidden from the key',
        409: 'PROFILE_ALREADY_EXISTS',
        412: 'NOT_PRIVILEGED: the key is not privileged now',
        413: 'REQUEST_TOO_LARGE',
        415: 'UNSUPPORTED_MEDIA_TYPE',
        503: 'SERVICE_UNAVAILABLE: the database is unreachable',
      },
    },
  },
  setup(app) {
    // The official client sends `Content-Type: application/json` on every request, bodiless DELETEs included.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      // A UTF-8 byte order mark (what .NET and PowerShell clients often send) is not part of the JSON text.
      const text = String(body).replace(/^\uFEFF/, '');
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(new RestErrorThrown(restError('bad_request', 'The request body is not valid JSON', { code: 'INVALID_FIELD' })), undefined);
      }
    });
  },
});
