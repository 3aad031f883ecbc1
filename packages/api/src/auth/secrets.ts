import { hash, randomBytes, randomInt } from 'node:crypto';

/** SHA-256 as hex, one-shot (hashing a credential is on every authenticated request). */
export function sha256(value: string): string {
  return hash('sha256', value, 'hex');
}

/**
 * An in-memory key for a name a client sends (any length and bytes): the name itself up to 64 characters,
 * else `#` and its SHA-256 (65 characters, so the two never meet). No hash for the names a device sends on
 * every request.
 */
export function boundedKey(name: string): string {
  return name.length <= 64 ? name : `#${sha256(name)}`;
}

/** A random secret with the given prefix: `ph_` + 43 base64url chars (256 bits). */
export function generateSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** What generated passwords are made of: no characters that read alike (0/O, 1/l/I). */
export const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A human-typable random password, each character drawn uniformly from PASSWORD_ALPHABET (randomInt
 * rejects out-of-range draws; a byte modulo 57 favoured the first 28 characters). 20 characters: ~117 bits.
 */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}
