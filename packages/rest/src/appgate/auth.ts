import { type Context, createVendorContext, resolveAppgateToken } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { RestErrorThrown, restError } from '../framework/errors';
import type { SurfaceDeps } from '../framework/surface';

type Deps = SurfaceDeps & { requestId: string; now: () => Date };

export const TOKEN_ERROR = 'Token error. Login again.';

export function bearerToken(req: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** `Authorization: Bearer <token from POST /admin/login>`; missing, unknown or expired → 401 TokenError. */
export async function authenticate(req: FastifyRequest, deps: Deps): Promise<Context> {
  const token = bearerToken(req);
  const actor = token && token.length <= 512 ? await resolveAppgateToken(deps.db, token, deps.now()) : null;
  if (!actor) throw new RestErrorThrown(restError('unauthorized', TOKEN_ERROR, { code: 'APPGATE_TOKEN' }));
  return createVendorContext({
    db: deps.db,
    requestId: deps.requestId,
    now: deps.now,
    actor,
    meta: { ip: req.ip, userAgent: req.headers['user-agent'] },
  });
}

export async function anonymous(req: FastifyRequest, deps: Deps): Promise<Context> {
  return createVendorContext({
    db: deps.db,
    requestId: deps.requestId,
    now: deps.now,
    actor: null,
    meta: { ip: req.ip, userAgent: req.headers['user-agent'] },
  });
}
