import { randomBytes } from 'node:crypto';

// Mongo ObjectId layout: 4-byte seconds timestamp, 5 random bytes fixed per process, 3-byte counter.
// Ids sort roughly by creation time like TelecomX's, and never collide within a process.
const processRandom = randomBytes(5);
let counter = randomBytes(3).readUIntBE(0, 3);

export function newObjectId(now = new Date()): string {
  const buf = Buffer.alloc(12);
  buf.writeUInt32BE(Math.floor(now.getTime() / 1000) >>> 0, 0);
  processRandom.copy(buf, 4);
  counter = (counter + 1) % 0x1000000;
  buf.writeUIntBE(counter, 9, 3);
  return buf.toString('hex');
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** The canonical (lower-case) form of an id from a URL or body, or null when it cannot be an ObjectId. */
export function parseObjectId(value: string | undefined | null): string | null {
  return value && OBJECT_ID.test(value) ? value.toLowerCase() : null;
}

/** `<24 hex>-<24 hex>` from the CSPRNG (decision 7.1): 192 bits, readable in an MDM configuration. */
export function newMdmKey(): string {
  return `${randomBytes(12).toString('hex')}-${randomBytes(12).toString('hex')}`;
}
