import { type VendorActor, vendorManifests } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import type { AuthDeps } from '../framework/context';
import { RestErrorThrown, restError } from '../framework/errors';

// The principal service's credential check, from the vendor's manifest.
const resolveFlexcareActor = vendorManifests.flexcare.authenticate;

/**
 * The token of a request: `Authorization: Bearer <token>` or `?token=` (the header wins when both are
 * sent). A header in another format → 401 `format_error`; no token at all → 401 `credentials_invalid`.
 */
export function requestToken(req: FastifyRequest): string {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match)
      throw new RestErrorThrown(
        restError('unauthorized', 'Authorization header format is Authorization: Bearer <token>', { code: 'FORMAT_ERROR' }),
      );
    return match[1]!;
  }
  const query = (req.query ?? {}) as Record<string, unknown>;
  const token = typeof query.token === 'string' ? query.token.trim() : '';
  if (!token) throw new RestErrorThrown(restError('unauthorized', 'Authorization required, please login', { code: 'CREDENTIALS_INVALID' }));
  return token;
}

export async function authenticate(req: FastifyRequest, deps: AuthDeps): Promise<VendorActor> {
  return resolveFlexcareActor(deps.db, requestToken(req), deps.now());
}
