// The admin session cookie: HTTP's carrier for the session secret the API hands out (`startSession`). The
// tRPC transport is the only reader of a cookie, so it reads this one itself: a cookie plugin parsed every
// request's Cookie header, on every surface, in two hooks per request.

export const SESSION_COOKIE = 'ph_session';

export function serializeSessionCookie(value: string, opts: { expires?: Date; maxAgeSeconds?: number; secure: boolean }) {
  const parts = [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (opts.expires) parts.push(`Expires=${opts.expires.toUTCString()}`);
  if (opts.maxAgeSeconds !== undefined) parts.push(`Max-Age=${opts.maxAgeSeconds}`);
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * The session cookie's value in a `Cookie` header (RFC 6265 §5.4: `name=value` pairs separated by `;`), the
 * first one when sent twice. A quoted value loses its quotes; a percent-encoded one is decoded (kept as sent
 * when the encoding is malformed).
 */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!value.includes('%')) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
