import type { DbHandle } from '@profilehub/db';
import Fastify, { type FastifyInstance } from 'fastify';
import { mountSurfaces, type SurfaceMount, type UnroutedResponder } from './framework/surface';

export type TestServer = { app: FastifyInstance; base: string; close(): Promise<void> };

/**
 * Serves surfaces over real HTTP on a free 127.0.0.1 port, wired exactly as the server wires them
 * (`mountSurfaces`), with the server's default 1 MiB body limit. The server's own concerns (timeouts,
 * request ids, /trpc) are tested in apps/server.
 */
export async function startSurfaceServer(
  handle: DbHandle,
  surfaces: SurfaceMount[],
  options: { now?: () => Date; bodyLimit?: number } = {},
): Promise<TestServer> {
  let unrouted: UnroutedResponder | undefined;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 5_000 },
    frameworkErrors: (_err, req, reply) => unrouted!.badRequest(req, reply),
  });
  unrouted = await mountSurfaces(app, surfaces, { db: handle.db, now: options.now });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('test server has no TCP port');
  return { app, base: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
