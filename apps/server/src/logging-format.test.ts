import { PassThrough } from 'node:stream';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { logDestination, logFormat } from './logging';
import { testServerEnv } from './testing/env';

const env = { ...testServerEnv, LOG_LEVEL: 'info' as const };

describe('log format', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('JSON by default off a terminal and in production; pretty on a terminal in development or when asked', () => {
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe('pretty');
  });

  it('pretty lines are readable text, one per event, with secrets still redacted', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const app = await buildServer({ db: handle, env, logStream: logDestination({ LOG_FORMAT: 'pretty' }, false, out) });
    try {
      await app.inject({ method: 'GET', url: '/healthz?access_token=hunter2-secret' });
    } finally {
      await app.close();
    }
    const lines = text.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.startsWith('{')).toBe(false);
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO/m);
    expect(text).toContain('/healthz?access_token=[REDACTED]');
    expect(text).not.toContain('hunter2-secret');
  });
});
