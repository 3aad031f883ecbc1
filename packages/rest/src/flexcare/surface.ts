import { RestErrorThrown, restError } from '../framework/errors';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';
import { FlexcareErrorSchema, invalidRequest } from './schemas';

/** TelecomX FlexCare dialog API (seed 000): `/auth/*` and `/flexcare/dialog/*`. */
export const flexcareSurface = defineSurface({
  name: 'flexcare',
  prefixes: ['/flexcare', '/auth'],
  routes,
  authenticate,
  envelope,
  invalidRequest,
  // The vendor answers access_denied before it looks at a body.
  checkBeforeInput: ({ caller }) => caller.flexcare.access(),
  docs: {
    title: 'TelecomX FlexCare dialog API (Profilehub compatibility surface)',
    version: '1',
    description:
      'TelecomX FlexCare dialog profiles, their licenses and languages at `/flexcare/dialog/…`, and employee login at ' +
      '`/auth/…`. A login token is sent as `Authorization: Bearer <token>` or as the `token` query parameter; it lasts ' +
      '15 minutes (or never, with `persist`). Access levels and reseller scoping decide what a token sees. Errors carry ' +
      'the real HTTP status and `{"error":{"code","message","status","path"?,"check"?}}`; a field that fails is a 422 ' +
      'naming the first failing field in body key order.',
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A login token from /auth/login' },
      token: { type: 'apiKey', in: 'query', name: 'token', description: 'The same login token as a query parameter' },
    },
    security: [{ bearer: [] }, { token: [] }],
    error: {
      schema: FlexcareErrorSchema,
      statuses: {
        400: 'bad_request: the body is not a JSON object',
        401: 'credentials_invalid, invalid_token, expired or format_error',
        403: 'access_denied: the access level does not allow it',
        404: 'not_found, or the reference field that names nothing (customer, languages)',
        409: 'in_use or conflict',
        413: 'too_large',
        415: 'unsupported_media_type',
        422: 'The failing field: code and path name it, check says which rule',
        503: 'unavailable: the database is unreachable',
      },
    },
  },
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
