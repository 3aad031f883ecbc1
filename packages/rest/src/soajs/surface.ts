import { RestErrorThrown, restError } from '../framework/errors';
import { defineSurface } from '../framework/surface';
import { authenticate } from './auth';
import { envelope, SoajsErrorSchema } from './envelope';
import { routes } from './routes';
import { formBodies, invalidRequest } from './schemas';

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
  invalidRequest,
  docs: {
    title: 'SOAJS URAC admin API (Profilehub compatibility surface)',
    version: 'v2',
    description:
      'SOAJS URAC v2 admin API as the SOAJS gateway serves it, at `/urac/…`. Every call carries the tenant external key ' +
      'in the `key` header and the oauth access token as the `access_token` query parameter (or `Authorization: Bearer`). ' +
      'Inputs are mapped and checked as the gateway does: missing fields answer code 172, invalid ones 173. Bodies may be ' +
      'JSON or a form. URAC refusals answer HTTP 200 with `result: false`; gateway errors keep their HTTP status.',
    requestBodies: { contentTypes: ['application/json', 'application/x-www-form-urlencoded'] },
    securitySchemes: {
      key: { type: 'apiKey', in: 'header', name: 'key', description: "The tenant's external key (132 when missing or unknown)" },
      accessToken: { type: 'apiKey', in: 'query', name: 'access_token', description: 'The oauth access token of a URAC user (401)' },
      bearer: { type: 'http', scheme: 'bearer', description: 'The same access token, as the oauth layer also reads it' },
    },
    security: [
      { key: [], accessToken: [] },
      { key: [], bearer: [] },
    ],
    error: {
      schema: SoajsErrorSchema,
      statuses: {
        400: '151: unknown rest service (no such route or method)',
        401: '401: the access token is missing, invalid or expired',
        403: '132: a valid tenant key is needed',
        413: '173: request entity too large',
        415: '173: unsupported content type',
        500: '150: unexpected error',
        503: '400: database connection error',
      },
    },
  },
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
      const form = parseForm(String(body));
      formBodies.add(form);
      done(null, form);
    });
  },
});
