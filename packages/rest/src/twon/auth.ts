import { type Database, type DeviceActor, type VendorActor, vendorManifests } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import type { AuthDeps } from '../framework/context';
import { RestErrorThrown, restError } from '../framework/errors';
import { acceptNonceCount, digestResponse, nonceState, parseDigestParams, safeEqual, TWON_REALM } from './digest';

// The principal service's credential check, from the vendor's manifest.
const verifyDeviceCredential = vendorManifests.twoN.authenticate;

/** Requests refused because Basic was sent to a Digest-only directory: their challenge offers Digest only. */
export const digestOnlyRequests = new WeakSet<FastifyRequest>();

export type TwonAuthFailure = 'missing' | 'invalid' | 'stale' | 'method';
export type TwonAuthResult = { ok: true; actor: DeviceActor } | { ok: false; reason: TwonAuthFailure };

/**
 * Resolves an `Authorization` header (Basic or Digest, spec 4.1) to the device account's actor. `method`
 * and `uri` are the request line values a Digest response is bound to.
 */
export async function resolveTwonAuthorization(
  db: Database,
  req: { authorization?: string; method: string; uri: string; now: Date; ip?: string },
): Promise<TwonAuthResult> {
  const header = req.authorization?.trim() ?? '';
  const scheme = header.split(/\s+/, 1)[0]?.toLowerCase();
  if (scheme === 'basic') {
    const decoded = Buffer.from(header.slice(5).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'invalid' };
    const result = await verifyDeviceCredential(
      db,
      {
        kind: 'password',
        username: decoded.slice(0, colon),
        password: decoded.slice(colon + 1),
      },
      { ip: req.ip, now: req.now },
    );
    if (result.ok) return result;
    return { ok: false, reason: result.reason === 'digest_only' ? 'method' : 'invalid' };
  }
  if (scheme === 'digest') {
    const p = parseDigestParams(header.slice(6));
    if (!p.username || !p.nonce || !p.uri || !p.response || p.realm !== TWON_REALM) return { ok: false, reason: 'invalid' };
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return { ok: false, reason: 'invalid' };
    // qop=auth is required (the challenge offers nothing else): without it (RFC 2069) there is no nonce count,
    // so a captured header could be replayed with any body until its nonce goes stale.
    if (p.qop !== 'auth' || !p.nc || !/^[0-9a-f]{8}$/i.test(p.nc) || !p.cnonce) return { ok: false, reason: 'invalid' };
    // The response is bound to the whole request target, query included: `force=1` on create changes what a
    // request does, so a response computed for `/api/dir/create` must not authorise `/api/dir/create?force=1`.
    if (p.uri !== req.uri) return { ok: false, reason: 'invalid' };
    const nonce = nonceState(p.nonce, req.now);
    if (nonce === 'invalid') return { ok: false, reason: 'invalid' };
    const response = p.response.toLowerCase();
    const result = await verifyDeviceCredential(
      db,
      {
        kind: 'digest',
        username: p.username,
        matches: (ha1) => safeEqual(digestResponse(ha1, p, req.method), response),
      },
      { ip: req.ip, now: req.now },
    );
    if (!result.ok) return { ok: false, reason: 'invalid' };
    // stale=true means "right credentials, old nonce" (RFC 7616), so it comes only after the response matched.
    if (nonce === 'stale') return { ok: false, reason: 'stale' };
    if (!acceptNonceCount(p.nonce, p.nc)) return { ok: false, reason: 'stale' };
    return result;
  }
  return { ok: false, reason: header ? 'invalid' : 'missing' };
}

// HTTP Basic or Digest on every call (spec 4.1); the device account decides the directory (decision 7.4).
export async function authenticateTwon(req: FastifyRequest, deps: AuthDeps): Promise<VendorActor> {
  const result = await resolveTwonAuthorization(deps.db, {
    authorization: req.headers.authorization,
    method: req.method,
    uri: req.url,
    now: deps.now(),
    ip: req.ip,
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
