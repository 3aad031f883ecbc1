import { RestErrorThrown, restError } from '../framework/errors';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { routes } from './routes';

function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** SOAJS URAC v2 admin API behind the gateway, seed 004. Mounted at `/urac/...`. */
export const soajsSurface = defineSurface({
  name: 'soajs',
  prefixes: ['/urac'],
  routes,
  authenticate,
  envelope,
  setup(app) {
    // The gateway's body parser takes an empty JSON body as {} and also reads form posts (the vendor's
    // curl example posts a form); form values arrive as strings and are cast by the input mapping.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, {});
      try {
        done(null, JSON.parse(text));
      } catch {
        done(new RestErrorThrown(restError('bad_request', 'The request body is not valid JSON')), undefined);
      }
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, parseForm(String(body)));
    });
  },
});
