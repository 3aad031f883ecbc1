import { defineSurface } from '../framework/surface';
import { authenticateTwon } from './auth';
import { parseTwonBody, UnreadableBody } from './body';
import { TWON_CONTENT_TYPE, twonEnvelope } from './envelope';
import { twonRoutes } from './routes';
import { invalidRequest, TwonErrorSchema } from './wire';

/**
 * Bodies up to 32 MiB on this surface only (the server default is 1 MiB): a 10,000-entry create/update is
 * several MiB, and the manual puts no limit on a batch. Larger batches than TWON_MAX_BATCH entries are
 * refused with error 13 after parsing.
 */
export const TWON_BODY_LIMIT = 32 * 1024 * 1024;

export const twonSurface = defineSurface({
  name: 'twoN',
  // A device answers every path under /api (error 2 where it has no function); RPdb's /api/v1 is more
  // specific and stays RPdb's.
  prefixes: ['/api'],
  routes: twonRoutes,
  authenticate: authenticateTwon,
  envelope: twonEnvelope,
  contentType: TWON_CONTENT_TYPE,
  invalidRequest,
  docs: {
    title: '2N IP intercom HTTP API: directory (Profilehub compatibility surface)',
    version: '2.x',
    description:
      'The directory functions of a 2N IP intercom (`/api/dir/*`) and `/api/system/info`, one emulated device per ' +
      'directory account. Authentication is HTTP Basic or Digest (a directory may require Digest). Bodies are JSON, ' +
      "or a multipart/form-data upload whose `blob-json` part holds the JSON, as 2N's own client sends it. Request " +
      'errors answer HTTP 200 with `success: false`; only authentication (401 with the challenge), an unavailable ' +
      'database (503) and a bug (500) change the status.',
    requestBodies: { contentTypes: ['application/json', 'multipart/form-data'], multipartField: 'blob-json' },
    securitySchemes: {
      basic: { type: 'http', scheme: 'basic', description: 'A device account of the directory (refused when it requires Digest)' },
      digest: { type: 'http', scheme: 'digest', description: 'A device account of the directory, Digest (MD5, qop=auth)' },
    },
    security: [{ basic: [] }, { digest: [] }],
    error: {
      schema: TwonErrorSchema,
      statuses: {
        401: '8 (Basic refused: Digest required) or 9 (authorisation required), with WWW-Authenticate',
        500: '14: unexpected error',
        503: '14: the database is unreachable',
      },
    },
  },
  setup(app) {
    app.addHook('onRoute', (route) => {
      route.bodyLimit = TWON_BODY_LIMIT;
    });
    app.removeAllContentTypeParsers();
    // Parsed here but judged after authentication (routes read the body through `bodyOf`): as on a device, a
    // client without valid credentials gets 401 and a challenge whatever its body.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
      parseTwonBody(req.headers['content-type'], body as Buffer).then(
        (parsed) => done(null, parsed),
        (err) => done(null, new UnreadableBody(err)),
      );
    });
  },
});
