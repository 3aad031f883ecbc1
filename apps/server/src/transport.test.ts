import net from 'node:net';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { testServerEnv } from './testing/env';

const env = { ...testServerEnv, HEADERS_TIMEOUT_MS: 2_000 };

/** Writes a request as a client would (headers, then the body unless it waits for 100 Continue) and returns what came back. */
function exchange(port: number, head: string, body: Buffer, opts: { expectContinue?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    let bodySent = false;
    const socket = net.connect(port, '127.0.0.1');
    const sendBody = () => {
      if (bodySent) return;
      bodySent = true;
      socket.write(body, () => {});
    };
    socket.on('connect', () => {
      socket.write(head);
      if (!opts.expectContinue) sendBody();
    });
    socket.on('data', (d) => {
      out += d.toString('latin1');
      // curl's behaviour: a 100 means go on; a final status instead means the body is not wanted.
      if (opts.expectContinue && /^HTTP\/1\.1 100/.test(out)) {
        out = out.replace(/^HTTP\/1\.1 100[^\r]*\r\n\r\n/, '');
        sendBody();
      }
    });
    socket.on('error', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

describe('transport limits', () => {
  let handle: DbHandle;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    handle = await createTestDb();
    app = await buildServer({ db: handle, env });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  const body = Buffer.alloc(3 * 1024 * 1024, 'a');
  for (const [path, expectContinue] of [
    ['/trpc/auth.login', false],
    ['/trpc/auth.login', true],
    ['/auth/login', false],
    ['/auth/login', true],
  ] as const) {
    it(`a 3 MB body to ${path}${expectContinue ? ' with Expect: 100-continue' : ''} gets its 413 delivered (≥ 19 of 20)`, async () => {
      let delivered = 0;
      for (let i = 0; i < 20; i++) {
        if (!expectContinue) {
          // fetch (undici) writes the whole body before it reads: a reset while it writes loses the answer.
          const res = await fetch(`http://127.0.0.1:${port}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          }).catch(() => null);
          if (res?.status === 413 && (await res.text()).startsWith('{')) delivered++;
          continue;
        }
        const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n${expectContinue ? 'Expect: 100-continue\r\n' : ''}\r\n`;
        const out = await exchange(port, head, body, { expectContinue });
        if (/^HTTP\/1\.1 413 /.test(out) && out.includes('\r\n\r\n{')) delivered++;
      }
      expect(delivered).toBeGreaterThanOrEqual(19);
    }, 120_000);
  }

  it('closes a request whose headers trickle in within the header timeout + 3 s', async () => {
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\n'));
      const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 500);
      socket.on('data', () => {});
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(drip);
        resolve(Date.now() - started);
      });
      socket.setTimeout(30_000, () => socket.destroy());
    });
    expect(closedAfter).toBeLessThan(env.HEADERS_TIMEOUT_MS + 3_000);
  }, 40_000);

  const malformed: [string, (path: string) => string, number][] = [
    ['bad header bytes', (p) => `GET ${p} HTTP/1.1\r\nHost: x\r\nX-Bad\x01: y\r\n\r\n`, 400],
    ['duplicate Content-Length', (p) => `POST ${p} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400],
    ['headers over 16 KB', (p) => `GET ${p} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`, 431],
    [
      'bad chunking',
      (p) => `POST ${p} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      400,
    ],
  ];
  for (const [name, request, status] of malformed) {
    it(`${name}: answered in the envelope of the surface the path names`, async () => {
      const generic = { error: expect.any(String), message: expect.any(String) };
      // tRPC
      let out = await exchange(port, request('/trpc/auth.me'), Buffer.alloc(0));
      expect(out).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4))).toMatchObject({
        error: { json: { data: { httpStatus: expect.any(Number) } } },
      });
      // FlexCare (its envelope is not the generic one)
      out = await exchange(port, request('/flexcare/dialog/profile'), Buffer.alloc(0));
      expect(out).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      const flex = JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4));
      expect(flex).not.toEqual(generic);
      // 2N: its envelope, in its one exact content type (a client compares the header literally)
      out = await exchange(port, request('/api/dir/get'), Buffer.alloc(0));
      expect(out).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(out.slice(0, out.indexOf('\r\n\r\n')).match(/^content-type: .*$/gim)).toEqual(['Content-Type: application/json']);
      expect(JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4))).toMatchObject({ success: false, error: { code: 14 } });
      // Outside every surface: the plain JSON body
      out = await exchange(port, request('/nowhere'), Buffer.alloc(0));
      expect(JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4))).toEqual(generic);
    });
  }
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then closes its keep-alive connection at once instead of waiting for the keep-alive timeout', async () => {
    const handle = await createTestDb();
    const app = await buildServer({ db: handle, env: { ...env, KEEP_ALIVE_TIMEOUT_MS: 60_000 } });
    const port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
    try {
      // An idle keep-alive connection (one request answered) and one with a request whose body is half sent.
      const idle = net.connect(port, '127.0.0.1');
      let idleClosed = false;
      idle.on('close', () => (idleClosed = true)).on('data', () => {});
      idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      const body = JSON.stringify({ json: { workspace: 'nope', username: 'nobody', password: 'wrong' } });
      const busy = net.connect(port, '127.0.0.1');
      let answer = '';
      busy.on('data', (d) => (answer += d));
      const busyClosed = new Promise((r) => busy.on('close', r));
      await new Promise((r) => busy.once('connect', r));
      busy.write(
        `POST /trpc/auth.login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((r) => setTimeout(r, 500));

      const closed = app.close();
      await new Promise((r) => setTimeout(r, 500));
      expect(idleClosed).toBe(true);
      busy.write(body.slice(10));
      const started = Date.now();
      await Promise.all([closed, busyClosed]);
      // The busy connection got its answer, and close() did not wait for the 60 s keep-alive timeout.
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await app.close();
      await handle.close();
    }
  }, 60_000);
});
