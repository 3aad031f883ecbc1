import { defineSurface } from '../framework/surface';
import { authenticateTwon, digestOnlyRequests } from './auth';
import { parseTwonBody, UnreadableBody } from './body';
import { basicChallenge } from './digest';
import { TWON_CONTENT_TYPE, twonEnvelope } from './envelope';
import { twonRoutes } from './routes';

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
  envelope: (err) => twonEnvelope(err),
  setup(app) {
    app.addHook('onRoute', (route) => {
      route.bodyLimit = TWON_BODY_LIMIT;
    });
    app.removeAllContentTypeParsers();
    // Parsed here but judged after authentication (routes read the body through `bodyOf`): as on a device, a
    // client without valid credentials gets 401 and a challenge whatever its body.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
      try {
        done(null, parseTwonBody(req.headers['content-type'], body as Buffer));
      } catch (err) {
        done(null, new UnreadableBody(err));
      }
    });
    // A 401 offers Digest (set by the envelope) and Basic, unless Basic is what the directory refused.
    app.addHook('onSend', async (req, reply, payload) => {
      reply.header('content-type', TWON_CONTENT_TYPE);
      const digest = reply.getHeader('www-authenticate');
      if (reply.statusCode === 401 && typeof digest === 'string' && !digestOnlyRequests.has(req)) {
        reply.header('www-authenticate', [digest, basicChallenge]);
      }
      return payload;
    });
  },
});
