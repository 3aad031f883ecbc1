import { RestErrorThrown, restError } from '../framework/errors';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';

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
