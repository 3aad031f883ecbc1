import { type Context, createVendorContext, resolveTwonCredentials } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { RestErrorThrown, restError } from '../framework/errors';
import type { SurfaceDeps } from '../framework/surface';

/** Requests refused because Basic was sent to a Digest-only directory: their challenge offers Digest only. */
export const digestOnlyRequests = new WeakSet<FastifyRequest>();

// HTTP Basic or Digest on every call (spec 4.1); the device account decides the directory (decision 7.4).
export async function authenticateTwon(req: FastifyRequest, deps: SurfaceDeps & { requestId: string; now: () => Date }): Promise<Context> {
  const result = await resolveTwonCredentials(deps.db, {
    authorization: req.headers.authorization,
    method: req.method,
    uri: req.url,
    now: deps.now(),
  });
  if (!result.ok) {
    if (result.reason === 'method') digestOnlyRequests.add(req);
    const code = { missing: 'TWON_AUTH_REQUIRED', invalid: 'TWON_AUTH_REQUIRED', stale: 'TWON_AUTH_STALE', method: 'TWON_AUTH_METHOD' }[
      result.reason
    ];
    throw new RestErrorThrown(restError('unauthorized', 'authorisation required', { code }));
  }
  return createVendorContext({
    db: deps.db,
    requestId: deps.requestId,
    now: deps.now,
    actor: result.actor,
    meta: { ip: req.ip, userAgent: req.headers['user-agent'] },
  });
}
