import { RestErrorThrown, restError } from '../framework/errors';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';

/** RPdb (rpjosh.de) profile API, seed 001. Mounted at `/profile…` and `/api/v1/profile…`. */
export const rpdbSurface = defineSurface({
  name: 'rpdb',
  prefixes: ['/profile'],
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
