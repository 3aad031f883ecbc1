import { resolveTwonCredentials, type VendorActor } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import type { AuthDeps } from '../framework/context';
import { RestErrorThrown, restError } from '../framework/errors';

/** Requests refused because Basic was sent to a Digest-only directory: their challenge offers Digest only. */
export const digestOnlyRequests = new WeakSet<FastifyRequest>();

// HTTP Basic or Digest on every call (spec 4.1); the device account decides the directory (decision 7.4).
export async function authenticateTwon(req: FastifyRequest, deps: AuthDeps): Promise<VendorActor> {
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
  return result.actor;
}
