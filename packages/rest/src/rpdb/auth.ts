import { type VendorActor, vendorManifests } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import type { AuthDeps } from '../framework/context';
import { RestErrorThrown, restError } from '../framework/errors';

// The principal service's credential check, from the vendor's manifest.
const authenticateRpdbKey = vendorManifests.rpdb.authenticate;

/** `X-Api-Key: <64-char key>`; a missing, unknown or revoked key → 401 AUTHENTICATION_FAILED. */
export async function authenticate(req: FastifyRequest, deps: AuthDeps): Promise<VendorActor> {
  const header = req.headers['x-api-key'];
  const key = typeof header === 'string' ? header.trim() : undefined;
  const actor = await authenticateRpdbKey(deps.db, key, deps.now());
  if (!actor) throw new RestErrorThrown(restError('unauthorized', 'Authentication failed', { code: 'AUTHENTICATION_FAILED' }));
  return actor;
}
