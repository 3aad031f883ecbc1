import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { ServerEnv } from './env';

export type TlsFiles = { cert: Buffer; key: Buffer };

// Vendor CLIs and devices talk HTTPS (sdpctl only speaks it). The pair is read and checked once at start,
// so a missing file, a non-PEM file or a key that does not belong to the certificate stops the server with
// the variable and the reason, instead of failing on the first handshake.

function read(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new Error(`Invalid configuration:\n  ${variable}: cannot read ${file} (${reason})`);
  }
}

/** The certificate and key named by TLS_CERT_FILE / TLS_KEY_FILE, or null for plain HTTP. */
export function readTlsFiles(env: Pick<ServerEnv, 'TLS_CERT_FILE' | 'TLS_KEY_FILE'>): TlsFiles | null {
  if (!env.TLS_CERT_FILE || !env.TLS_KEY_FILE) return null;
  const cert = read('TLS_CERT_FILE', env.TLS_CERT_FILE);
  const key = read('TLS_KEY_FILE', env.TLS_KEY_FILE);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new Error(
      `Invalid configuration:\n  TLS_CERT_FILE, TLS_KEY_FILE: ${env.TLS_CERT_FILE} and ${env.TLS_KEY_FILE} are not a PEM certificate and its private key (${(err as Error).message})`,
    );
  }
  return { cert, key };
}
