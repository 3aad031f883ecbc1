// HTTP Digest as a 2N device speaks it (RFC 7616, MD5, qop=auth): challenges, nonces and the response
// computed over the account's stored HA1. The stored HA1 and the check of it are the service's.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { keyedMac, TWON_DIGEST_REALM } from '@profilehub/api';

export const TWON_REALM = TWON_DIGEST_REALM;
const NONCE_TTL_MS = 5 * 60 * 1000;

// Nonces are stateless: issue time + random part + HMAC under the `twon-digest-nonce` subkey of the server
// secret. Every instance sharing PROFILEHUB_SECRET accepts every other's nonces, and they survive a restart.

export function md5(value: string): string {
  return createHash('md5').update(value).digest('hex');
}

function nonceMac(issued: string): string {
  return keyedMac('twon-digest-nonce', issued).slice(0, 32);
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

// The random part makes every challenge's nonce unique, so the replay check below can key on it.
export function issueNonce(now: Date): string {
  const issued = `${now.getTime().toString(36)}.${randomBytes(6).toString('base64url')}`;
  return `${issued}.${nonceMac(issued)}`;
}

export function nonceState(nonce: string, now: Date): 'valid' | 'stale' | 'invalid' {
  const [time, salt, mac, ...rest] = nonce.split('.');
  if (!time || !salt || !mac || rest.length > 0 || !safeEqual(mac, nonceMac(`${time}.${salt}`))) return 'invalid';
  const age = now.getTime() - Number.parseInt(time, 36);
  return age >= -60_000 && age <= NONCE_TTL_MS ? 'valid' : 'stale';
}

// The highest nonce count accepted per nonce (RFC 7616 3.4: the server checks that nc goes up). qop=auth
// does not cover the body, so a captured header could otherwise be replayed with any body while its nonce
// lives; a count that does not go up is answered as stale and an honest client simply takes the new nonce.
// Bounded: the oldest nonces are forgotten first (their five minutes are usually over by then). Per process:
// across instances a header can be replayed once per other instance (docs/scaling.md).
const NC_MEMORY = 10_000;
const acceptedNc = new Map<string, number>();

export function acceptNonceCount(nonce: string, nc: string): boolean {
  const count = Number.parseInt(nc, 16);
  const seen = acceptedNc.get(nonce);
  if (seen !== undefined && count <= seen) return false;
  acceptedNc.delete(nonce);
  if (acceptedNc.size >= NC_MEMORY) acceptedNc.delete(acceptedNc.keys().next().value!);
  acceptedNc.set(nonce, count);
  return true;
}

/** The `WWW-Authenticate` Digest challenge a 401 carries. */
export function digestChallenge(now: Date, stale = false): string {
  return `Digest realm="${TWON_REALM}", qop="auth", algorithm=MD5, nonce="${issueNonce(now)}"${stale ? ', stale=true' : ''}`;
}

export const basicChallenge = `Basic realm="${TWON_REALM}"`;

export function parseDigestParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  }
  return out;
}

/** The `response` a client computes from HA1 with qop=auth (the only form accepted: RFC 2069's has no count). */
export function digestResponse(ha1: string, p: Record<string, string>, method: string): string {
  const ha2 = md5(`${method.toUpperCase()}:${p.uri}`);
  return md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
}
