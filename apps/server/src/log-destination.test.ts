import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

// pino's destination (sonic-boom) measured the byte length of all it had gathered, up to 16 KB, again for every
// line written while a write was under way: about a tenth of what the server allocated per request, logging
// every request. patches/ keeps that length instead (applied by `npm install`'s postinstall).
describe('sonic-boom patch: the log destination', () => {
  it('writes every line, in order, and measures each only once', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'profilehub-log-')), 'out.log');
    const dest = pino.destination({ dest: file, sync: false, minLength: 4096 });
    await once(dest, 'ready');
    const byteLength = Buffer.byteLength;
    let measured = 0;
    let written = 0;
    Buffer.byteLength = ((value: string, encoding?: BufferEncoding) => {
      const n = byteLength(value, encoding);
      measured += n;
      return n;
    }) as typeof Buffer.byteLength;
    try {
      for (let i = 0; i < 3000; i++) {
        const line = `{"n":${i},"msg":"${'é'.repeat(i % 7)}${'x'.repeat(380)}"}\n`;
        written += byteLength(line);
        dest.write(line);
      }
    } finally {
      Buffer.byteLength = byteLength;
    }
    await new Promise<void>((resolve, reject) => dest.flush((err) => (err ? reject(err) : resolve())));
    dest.end();
    await once(dest, 'close');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { n: number }).n)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(Buffer.byteLength(readFileSync(file))).toBe(written);
    expect(measured).toBeLessThan(2 * written);
  });
});
