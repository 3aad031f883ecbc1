// The server secret (PROFILEHUB_SECRET) and the keys derived from it. One secret per installation, shared by
// every instance; each use gets its own subkey (HKDF-SHA256, the use as `info`), so a key never serves two
// purposes and no subkey reveals another. The process configures it once at start (apps/server main), before
// any service runs; a service that needs a key while none is configured fails loudly instead of writing data
// no later process could read.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Fewer characters than this is refused: a short secret would make every derived key guessable. */
export const SERVER_SECRET_MIN_LENGTH = 32;

/** What each subkey is for. Adding a use adds a key; renaming one changes its key (and breaks its data). */
export type SecretUse = 'soajs-pin' | 'flexcare-mdm-key' | 'twon-digest-nonce' | 'secret-check';

let keys: Map<SecretUse, Buffer> | null = null;

/** Why `secret` cannot be the server secret, or null when it can. */
export function serverSecretProblem(secret: string): string | null {
  if (secret.trim() !== secret) return 'must not start or end with white space';
  if (secret.length < SERVER_SECRET_MIN_LENGTH) return `must be at least ${SERVER_SECRET_MIN_LENGTH} characters long`;
  if (new Set(secret).size < 8) return 'is too repetitive (use a random value, e.g. `openssl rand -base64 32`)';
  return null;
}

/** Sets the process's server secret (at start, once; again only in tests). */
export function configureServerSecret(secret: string): void {
  const problem = serverSecretProblem(secret);
  if (problem) throw new Error(`PROFILEHUB_SECRET ${problem}`);
  const ikm = Buffer.from(secret, 'utf8');
  const uses: SecretUse[] = ['soajs-pin', 'flexcare-mdm-key', 'twon-digest-nonce', 'secret-check'];
  keys = new Map(uses.map((use) => [use, Buffer.from(hkdfSync('sha256', ikm, 'profilehub', use, 32))]));
  opened.clear();
}

export function serverSecretConfigured(): boolean {
  return keys !== null;
}

function subkey(use: SecretUse): Buffer {
  const key = keys?.get(use);
  if (!key) throw new Error('The server secret is not configured: call configureServerSecret() at start (PROFILEHUB_SECRET)');
  return key;
}

/** HMAC-SHA256 of `data` under the use's subkey, as hex. Deterministic: usable as a unique lookup key. */
export function keyedDigest(use: SecretUse, data: string): string {
  return createHmac('sha256', subkey(use)).update(data).digest('hex');
}

/** The same, as base64url (for values that travel, such as nonces). */
export function keyedMac(use: SecretUse, data: string): string {
  return createHmac('sha256', subkey(use)).update(data).digest('base64url');
}

// Sealed values: `v1.<iv>.<ciphertext><tag>` (base64url), AES-256-GCM with a random 96-bit IV. `context`
// (authenticated, not stored) binds a value to its row, so a ciphertext copied onto another row does not open.
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

export function isSealed(value: string): boolean {
  return SEALED.test(value);
}

export function seal(use: SecretUse, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subkey(use), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

// Values opened lately, by use, context and sealed text (a random IV makes each sealed text unique), so a
// value read on every request (a FlexCare profile's mdmKey) is decrypted once, not per read: AES-GCM set-up
// was a sixteenth of a FlexCare GET's CPU. Bounded; emptied when the secret changes. It holds plaintexts
// the server answers to its clients anyway, and only for values it has just opened.
const opened = new Map<string, string>();
const OPENED_MAX = 4096;

/** The plaintext of a sealed value; throws when it was sealed under another secret or for another context. */
export function unseal(use: SecretUse, sealed: string, context: string): string {
  const key = `${use}\0${context}\0${sealed}`;
  const known = opened.get(key);
  if (known !== undefined) return known;
  const plaintext = open(use, sealed, context);
  if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!);
  opened.set(key, plaintext);
  return plaintext;
}

function open(use: SecretUse, sealed: string, context: string): string {
  const m = SEALED.exec(sealed);
  if (!m) throw new Error('not a sealed value');
  const body = Buffer.from(m[2]!, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', subkey(use), Buffer.from(m[1]!, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
}

/** A value that identifies the configured secret without revealing it (stored once, compared at start). */
export function serverSecretCheck(): string {
  return keyedDigest('secret-check', 'profilehub server secret check v1');
}
