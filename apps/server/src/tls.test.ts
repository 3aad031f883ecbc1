import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { readServerEnv } from './env';
import { testServerEnv } from './testing/env';
import { readTlsFiles } from './tls';

// HTTPS when TLS_CERT_FILE and TLS_KEY_FILE are set. A throwaway self-signed pair is made with the same
// openssl one-liner the README documents, and the server is spoken to over a real TLS connection that
// trusts exactly that certificate (the way sdpctl is pointed at a controller's CA).

const env = testServerEnv;

let dir: string;
let certFile: string;
let keyFile: string;

function selfSigned(cert: string, key: string) {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ph-tls-'));
  certFile = path.join(dir, 'cert.pem');
  keyFile = path.join(dir, 'key.pem');
  selfSigned(certFile, keyFile);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Reply = { status: number; body: string; authorized: boolean; subject: string; protocol: string | null };

function httpsGet(url: string, headers: Record<string, string>, ca: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { headers, ca, servername: 'localhost' }, (res) => {
      const socket = res.socket as import('node:tls').TLSSocket;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          authorized: socket.authorized,
          subject: String(socket.getPeerCertificate().subject?.CN),
          protocol: socket.getProtocol(),
        }),
      );
    });
    req.on('error', reject);
  });
}

describe('HTTPS with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  let handle: DbHandle;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    handle = await createTestDb();
    const tls = readTlsFiles(readServerEnv({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile }));
    app = await buildServer({ db: handle, env, tls });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  it('answers over a verified TLS connection with the configured certificate', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { readFile } = await import('node:fs/promises');
    const ca = await readFile(certFile);
    // sdpctl's first call: the Appgate version discovery, over HTTPS.
    const res = await httpsGet(`${url}/admin/version`, { Accept: 'application/json' }, ca);
    expect(res.authorized).toBe(true);
    expect(res.subject).toBe('localhost');
    expect(res.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ peerVersion: 23, lowestPeerVersionSupported: 18 });
    const health = await httpsGet(`${url}/healthz`, {}, ca);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  });

  it("the Dockerfile's HEALTHCHECK reports the HTTPS server ready (and a plain HTTP server too)", async () => {
    const dockerfile = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../Dockerfile'), 'utf8');
    const [command, ...args] = JSON.parse(/^HEALTHCHECK .* CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    const probe = (vars: Record<string, string>) =>
      new Promise<number | null>((resolve) => {
        const { TLS_CERT_FILE: _cert, ...rest } = process.env;
        spawn(command === 'node' ? process.execPath : command!, args, { env: { ...rest, ...vars }, stdio: 'ignore' }).on('exit', resolve);
      });
    const port = new URL(url).port;
    expect(await probe({ PORT: port, TLS_CERT_FILE: certFile })).toBe(0);
    // Without TLS_CERT_FILE it speaks HTTP, which the TLS port does not answer: unhealthy.
    expect(await probe({ PORT: port })).toBe(1);
    const plain = http.createServer((req, res) => res.writeHead(req.url === '/readyz' ? 200 : 404).end());
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      expect(await probe({ PORT: String((plain.address() as { port: number }).port) })).toBe(0);
    } finally {
      plain.close();
    }
  });

  it('a client that does not trust the certificate is refused at the handshake', async () => {
    const other = path.join(dir, 'other-cert.pem');
    selfSigned(other, path.join(dir, 'other-key.pem'));
    const { readFile } = await import('node:fs/promises');
    await expect(httpsGet(`${url}/healthz`, {}, await readFile(other))).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });

  it('plain HTTP on the TLS port gets no HTTP answer', async () => {
    const port = Number(new URL(url).port);
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString('latin1')));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
      socket.setTimeout(5_000, () => socket.destroy());
    });
    expect(answer).not.toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('TLS configuration errors', () => {
  it('setting only one of the two variables is refused', () => {
    expect(() => readServerEnv({ TLS_CERT_FILE: certFile })).toThrow(
      'TLS_CERT_FILE: set TLS_CERT_FILE and TLS_KEY_FILE together (HTTPS), or neither (HTTP)',
    );
    expect(() => readServerEnv({ TLS_KEY_FILE: keyFile })).toThrow('set TLS_CERT_FILE and TLS_KEY_FILE together');
    expect(readTlsFiles(readServerEnv({}))).toBeNull();
  });

  it('a missing file, a non-PEM file and a key of another certificate name the variable and the reason', async () => {
    const missing = path.join(dir, 'missing.pem');
    expect(() => readTlsFiles({ TLS_CERT_FILE: missing, TLS_KEY_FILE: keyFile })).toThrow(`TLS_CERT_FILE: cannot read ${missing} (ENOENT)`);
    expect(() => readTlsFiles({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: missing })).toThrow(`TLS_KEY_FILE: cannot read ${missing} (ENOENT)`);
    const garbage = path.join(dir, 'garbage.pem');
    await writeFile(garbage, 'not a certificate\n');
    expect(() => readTlsFiles({ TLS_CERT_FILE: garbage, TLS_KEY_FILE: keyFile })).toThrow(/are not a PEM certificate and its private key/);
    const otherKey = path.join(dir, 'other-key.pem');
    selfSigned(path.join(dir, 'other-cert.pem'), otherKey);
    expect(() => readTlsFiles({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: otherKey })).toThrow(
      /are not a PEM certificate and its private key/,
    );
  });

  it('the server process stops at start with that message and a non-zero exit, before opening the database', async () => {
    const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
    const dataDir = path.join(dir, 'data');
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        PROFILEHUB_DATA_DIR: dataDir,
        PORT: '0',
        PROFILEHUB_SEED_DEMO: '0',
        TLS_CERT_FILE: path.join(dir, 'nope.pem'),
        TLS_KEY_FILE: keyFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(err).toContain(`TLS_CERT_FILE: cannot read ${path.join(dir, 'nope.pem')} (ENOENT)`);
    const { existsSync } = await import('node:fs');
    expect(existsSync(dataDir)).toBe(false);
  }, 90_000);
});
