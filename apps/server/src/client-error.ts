import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { restError, type SurfaceMount } from '@profilehub/rest';
import { TRPCError } from '@trpc/server';
import type { FastifyRequest } from 'fastify';
import { trpcErrorBody } from './trpc';

type ClientError = Error & { code?: string; rawPacket?: unknown };

// Node's parser refuses these before Fastify sees a request; the status says which limit or rule it was.
function statusFor(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') return 408;
  return 400;
}

/**
 * Answers malformed HTTP (bad header bytes, duplicate Content-Length, oversized headers, bad chunking, a
 * header timeout) in the envelope of the surface whose path the request line named, or tRPC's for /trpc.
 * Only the request line is trusted: the rest of the packet is what failed to parse.
 */
export function createClientErrorHandler(surfaces: SurfaceMount[], extraPrefix: string) {
  const owners = surfaces.flatMap(({ surface, mounts }) =>
    [...mounts, ...(extraPrefix ? mounts.map((m) => extraPrefix + m) : [])].flatMap((mount) =>
      surface.prefixes.map((p) => ({ prefix: mount + p, surface })),
    ),
  );
  return function onClientError(err: ClientError, socket: Socket): void {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusFor(err.code);
    const line = Buffer.isBuffer(err.rawPacket) ? (err.rawPacket.toString('latin1').split('\r\n', 1)[0] ?? '') : '';
    const [, method = 'GET', url = '/'] = /^([A-Z]{1,20}) (\/\S*) HTTP\/1\.[01]$/.exec(line) ?? [];
    const path = url.split('?')[0]!;
    const message = status === 431 ? 'Request headers are too large' : status === 408 ? 'Request timed out' : 'Malformed HTTP request';
    let body: unknown = { error: STATUS_CODES[status], message };
    let headers: Record<string, string | string[]> = {};
    let contentType = 'application/json; charset=utf-8';
    try {
      if (path === '/trpc' || path.startsWith('/trpc/')) {
        body = trpcErrorBody(url, new TRPCError({ code: status === 408 ? 'TIMEOUT' : 'BAD_REQUEST', message }));
      } else {
        const owner = owners.find((o) => path === o.prefix || path.startsWith(`${o.prefix}/`));
        if (owner) {
          // The headers are what failed to parse: the envelope is built from the request line alone.
          const req = { method, url, headers: {}, query: {} } as unknown as FastifyRequest;
          const envelope = owner.surface.envelope(restError('bad_request', message), req);
          body = envelope.body;
          headers = envelope.headers ?? {};
          contentType = owner.surface.contentType ?? contentType;
        }
      }
    } catch {
      // an envelope that needs more of the request than its line: the plain body above
    }
    const text = body === undefined ? '' : JSON.stringify(body);
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Connection: close',
      `Content-Type: ${contentType}`,
      `Content-Length: ${Buffer.byteLength(text)}`,
      ...Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${k}: ${one}`)),
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
  };
}
