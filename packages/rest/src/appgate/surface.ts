import type { FastifyRequest } from 'fastify';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';
import { versionGate } from './version';

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
  setup(app) {
    app.addHook('onRequest', versionGate);
    // Clients send `Content-Type: application/json` on bodiless calls too, and some the vendor media type.
    app.removeContentTypeParser('application/json');
    // The controller consumes JSON only; a text/plain body is an unsupported media type, not a JSON error.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
    app.addContentTypeParser(/^application\/vnd\.appgate\.[\w.+-]+(?:\s*;.*)?$/i, { parseAs: 'string' }, parseJson);
  },
});
