import { RestErrorThrown, restError } from '../framework/errors';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';

/** TelecomX FlexCare dialog API (seed 000): `/auth/*` and `/flexcare/dialog/*`. */
export const flexcareSurface = defineSurface({
  name: 'flexcare',
  prefixes: ['/flexcare', '/auth'],
  routes,
  authenticate,
  envelope,
  setup(app) {
    // Clients send `Content-Type: application/json` on bodiless DELETEs too; an empty body is no body.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(new RestErrorThrown(restError('bad_request', 'Request body is not valid JSON')), undefined);
      }
    });
  },
});
