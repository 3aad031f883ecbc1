import type { FastifyRequest } from 'fastify';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';
import { AppgateErrorSchema, invalidRequest } from './schemas';
import { MAX_PEER_VERSION, MIN_PEER_VERSION, peerVersion, versionGate } from './version';
import { profileBodyForVersion } from './wire';

/** The routes whose body is a client profile (create, replace). */
const PROFILE_BODY = /\/admin\/client-profiles(?:\/:id)?$/;

function parseJson(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) {
  // A UTF-8 byte order mark (Windows clients) is not part of the JSON text.
  const text = String(body).replace(/^\uFEFF/, '');
  if (text.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(text));
  } catch (err) {
    done(err as Error, undefined);
  }
}

/** Appgate SDP controller admin API, client profiles (seed 002). Mounted at `/admin…`. */
export const appgateSurface = defineSurface({
  name: 'appgate',
  prefixes: ['/admin'],
  routes,
  authenticate,
  envelope,
  invalidRequest,
  // The controller answers 403 to an admin who may not change client profiles before it reads the body.
  checkBeforeInput: async ({ req, caller }) => {
    if (req.method !== 'GET' && PROFILE_BODY.test(req.routeOptions.url ?? '')) await caller.appgate.clientProfile.authorizeWrite();
  },
  docs: {
    title: 'Appgate SDP admin API: client profiles (Profilehub compatibility surface)',
    version: `peer-v${MAX_PEER_VERSION}`,
    description:
      'The client-profile part of the Appgate SDP controller admin API at `/admin/…`, with admin login (`/admin/login`, ' +
      "or sdpctl's authentication, OTP and authorization steps). Every call except `/admin/version` names the peer API " +
      `version in \`Accept: application/vnd.appgate.peer-vNN+json\`; v${MIN_PEER_VERSION}…v${MAX_PEER_VERSION} are served, each ` +
      'answered as that version (`type` and Groups from v20, `totalCount` from v19); any other Accept is refused with 406 ' +
      'and the supported range. This document describes the v22/v23 answers. Errors are `{id, message}` with the ' +
      'lower-case reason phrase as `id`; 422 adds `errors[{field, message}]`.',
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token from /admin/login or /admin/authorization' } },
    security: [{ bearer: [] }],
    headers: [
      {
        name: 'Accept',
        required: true,
        description: `The peer API version: application/vnd.appgate.peer-vNN+json with NN ${MIN_PEER_VERSION}…${MAX_PEER_VERSION} (not needed on /admin/version)`,
        schema: {
          type: 'string',
          pattern: '^application/vnd\\.appgate\\.peer-v\\d+\\+json',
          example: `application/vnd.appgate.peer-v${MAX_PEER_VERSION}+json`,
        },
      },
    ],
    error: {
      schema: AppgateErrorSchema,
      statuses: {
        400: 'bad request: the body is not a JSON object',
        401: 'unauthorized: missing, unknown or expired token (a failed login adds failureType)',
        403: 'forbidden: the admin lacks the privilege',
        404: 'not found',
        406: 'not acceptable: the Accept header names no served version (with minSupportedVersion, maxSupportedVersion)',
        409: 'conflict: the name is taken',
        412: 'precondition failed: e.g. no profile hostname configured for an export',
        415: 'unsupported media type: the body is not JSON',
        422: 'unprocessable entity: errors[] names each failing field',
        500: 'internal server error',
        503: 'service unavailable: the database is unreachable',
      },
    },
  },
  setup(app) {
    app.addHook('onRequest', versionGate);
    app.addHook('preHandler', (req, _reply, done) => {
      try {
        if ((req.method === 'POST' || req.method === 'PUT') && PROFILE_BODY.test(req.routeOptions.url ?? ''))
          req.body = profileBodyForVersion(req.body, peerVersion(req));
      } catch (err) {
        return done(err as Error);
      }
      done();
    });
    // Clients send `Content-Type: application/json` on bodiless calls too, and some the vendor media type.
    app.removeContentTypeParser('application/json');
    // The controller consumes JSON only; a text/plain body is an unsupported media type, not a JSON error.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
    app.addContentTypeParser(/^application\/vnd\.appgate\.[\w.+-]+(?:\s*;.*)?$/i, { parseAs: 'string' }, parseJson);
  },
});
