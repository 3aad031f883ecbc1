import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildServer } from '../app';
import { testServerEnv } from './env';

/** A server on a fresh test database, listening on a free port for the enclosing suite, closed after it. */
export function useTestServer() {
  const server = {} as { handle: DbHandle; app: FastifyInstance; url: string };
  beforeAll(async () => {
    server.handle = await createTestDb();
    server.app = await buildServer({ db: server.handle, env: testServerEnv });
    server.url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.app?.close();
    await server.handle?.close();
  });
  return server;
}
