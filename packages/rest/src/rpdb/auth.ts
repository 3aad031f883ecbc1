import { authenticateRpdbKey, type Context, createVendorContext } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { RestErrorThrown, restError } from '../framework/errors';
import type { SurfaceDeps } from '../framework/surface';

/** `X-Api-Key: <64-char key>`; a missing, unknown or revoked key → 401 AUTHENTICATION_FAILED. */
export async function authenticate(req: FastifyRequest, deps: SurfaceDeps & { requestId: string; now: () => Date }): Promise<Context> {
  const header = req.headers['x-api-key'];
  const key = typeof header === 'string' ? header.trim() : undefined;
  const actor = await authenticateRpdbKey(deps.db, key, deps.now());
  if (!actor) throw new RestErrorThrown(restError('unauthorized', 'Authentication failed', { code: 'AUTHENTICATION_FAILED' }));
  return createVendorContext({
    db: deps.db,
    requestId: deps.requestId,
    now: deps.now,
    actor,
    meta: { ip: req.ip, userAgent: req.headers['user-agent'] },
  });
}
