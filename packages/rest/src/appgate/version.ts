import type { FastifyReply, FastifyRequest } from 'fastify';

// Version negotiation (spec §3.1, decisions §7.3): every call names the peer API version in
// `Accept: application/vnd.appgate.peer-vNN+json`; 18…23 are served, each answered as that version.
// Anything else is refused with 406 and the supported range, which clients (sdpctl) read to discover it.

export const MIN_PEER_VERSION = 18;
export const MAX_PEER_VERSION = 23;

const mediaType = (v: number) => `application/vnd.appgate.peer-v${v}+json`;
const ACCEPT_RE = /application\/vnd\.appgate\.peer-v(\d{1,4})\+json/gi;

const versions = new WeakMap<FastifyRequest, number>();

/** The peer version this request asked for (every route behind the gate has one). */
export function peerVersion(req: FastifyRequest): number {
  return versions.get(req) ?? MAX_PEER_VERSION;
}

function acceptedVersion(accept: string): number | null {
  for (const m of accept.matchAll(ACCEPT_RE)) {
    const v = Number(m[1]);
    if (v >= MIN_PEER_VERSION && v <= MAX_PEER_VERSION) return v;
  }
  return null;
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
  const accept = req.headers.accept ?? '';
  const version = acceptedVersion(accept);
  if (version === null) {
    return reply
      .status(406)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(notAcceptableBody(accept)));
  }
  versions.set(req, version);
}
