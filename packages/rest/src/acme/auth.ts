import { type Actor, resolveActor } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import type { AuthDeps } from '../framework/context';
import { RestErrorThrown, restError } from '../framework/errors';

/**
 * Acme's auth convention: `Authorization: AcmeKey <key>`. A missing or malformed header and an unknown key
 * are different faults (the envelope words them). The key is a Profilehub API token: a real vendor resolves
 * its own credential through its principal service in packages/api instead (see the doc, step 2).
 */
export async function authenticate(req: FastifyRequest, deps: AuthDeps): Promise<Actor> {
  const match = /^AcmeKey\s+(\S+)\s*$/.exec(req.headers.authorization ?? '');
  if (!match) throw new RestErrorThrown(restError('unauthorized', 'No Acme key', { code: 'ACME_KEY_MISSING' }));
  const actor = await resolveActor(deps.db, { bearer: match[1]! }, deps.now());
  if (!actor) throw new RestErrorThrown(restError('unauthorized', 'Unknown Acme key', { code: 'ACME_KEY_UNKNOWN' }));
  return actor;
}
