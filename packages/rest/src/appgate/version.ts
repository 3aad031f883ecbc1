import type { FastifyReply, FastifyRequest } from 'fastify';

// Version negotiation (spec §3.1, decisions §7.3): every call names the peer API version in
// `Accept: application/vnd.appgate.peer-vNN+json`; 18…23 are served, each answered as that version.
// Anything else is refused with 406 and the supported range, which clients (sdpctl) read to discover it.

export const MIN_PEER_VERSION = 18;
export const MAX_PEER_VERSION = 23;

const mediaType = (v: number) => `application/vnd.appgate.peer-v${v}+json`;
// The whole media range must be the vendor type: a substring (`…+jsonx`, a parameter value) names nothing.
const PEER_TYPE = /^application\/vnd\.appgate\.peer-v([1-9]\d{0,3})\+json$/i;
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The served version an Accept header asks for, read as RFC 9110 media ranges: `q=0` means "not this one",
 * a malformed `q` voids its range, and among several acceptable versions the highest weight wins, then the
 * newest version (the client declared it understands all of them).
 */
export function acceptedVersion(accept: string | undefined): number | null {
  let best: { q: number; version: number } | null = null;
  for (const range of (accept ?? '').split(',')) {
    const [type = '', ...params] = range.split(';').map((s) => s.trim());
    const m = PEER_TYPE.exec(type);
    if (!m) continue;
    const version = Number(m[1]);
    if (version < MIN_PEER_VERSION || version > MAX_PEER_VERSION) continue;
    let q = 1;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=').map((s) => s.trim());
      if (key.toLowerCase() === 'q') q = QVALUE.test(value) ? Number(value) : 0;
    }
    if (q > 0 && (!best || q > best.q || (q === best.q && version > best.version))) best = { q, version };
  }
  return best?.version ?? null;
}

/** The peer version this request asked for; routes behind the gate always have one. */
export function peerVersion(req: FastifyRequest): number {
  return acceptedVersion(req.headers.accept) ?? MAX_PEER_VERSION;
}

export function notAcceptableBody(received: string) {
  return {
    id: 'not acceptable',
    message: `Invalid 'Accept' header. Current version: ${mediaType(MAX_PEER_VERSION)}, Received: ${received}`,
    minSupportedVersion: MIN_PEER_VERSION,
    maxSupportedVersion: MAX_PEER_VERSION,
  };
}

/** onRequest hook: runs before body parsing and auth, so a wrong version is always the first answer. */
export async function versionGate(req: FastifyRequest, reply: FastifyReply) {
  // `GET /admin/version` is how a client learns the versions; it expects plain application/json.
  if (req.routeOptions.url?.endsWith('/admin/version')) return;
  if (acceptedVersion(req.headers.accept) === null) {
    return reply
      .status(406)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(notAcceptableBody(req.headers.accept ?? '')));
  }
}
