import { type VendorActor, vendorManifests } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import type { AuthDeps } from '../framework/context';

// The principal service's credential check, from the vendor's manifest.
const authenticateSoajs = vendorManifests.soajs.authenticate;

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * SOAJS gateway convention: the tenant external key in the `key` header, then the oauth token as the
 * `access_token` query parameter (or `Authorization: Bearer`, which the oauth layer also reads).
 */
export async function authenticate(req: FastifyRequest, deps: AuthDeps): Promise<VendorActor> {
  const query = req.query as Record<string, unknown>;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return authenticateSoajs(deps.db, { key: single(req.headers.key), accessToken: single(query.access_token) ?? bearer }, deps.now(), {
    ip: req.ip,
  });
}
