import { type VendorActor, vendorManifests } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import type { AuthDeps } from '../framework/context';
import { RestErrorThrown, restError } from '../framework/errors';

// The principal service's credential check, from the vendor's manifest.
const resolveAppgateToken = vendorManifests.appgate.authenticate;

export function bearerToken(req: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** `Authorization: Bearer <token from POST /admin/login>`; missing, unknown or expired → 401 TokenError. */
export async function authenticate(req: FastifyRequest, deps: AuthDeps): Promise<VendorActor> {
  const token = bearerToken(req);
  const actor = token && token.length <= 512 ? await resolveAppgateToken(deps.db, token, deps.now()) : null;
  if (!actor) throw new RestErrorThrown(restError('unauthorized', 'No valid Appgate token', { code: 'APPGATE_TOKEN' }));
  return actor;
}
