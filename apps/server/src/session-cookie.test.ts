import { describe, expect, it } from 'vitest';
import { readSessionCookie, serializeSessionCookie } from './session-cookie';

describe('session cookie', () => {
  it('reads the session among other cookies, whatever the spacing', () => {
    expect(readSessionCookie('theme=dark; ph_session=abc123; lang=en')).toBe('abc123');
    expect(readSessionCookie('ph_session=abc123')).toBe('abc123');
    expect(readSessionCookie('a=1;ph_session = abc123 ;b=2')).toBe('abc123');
  });

  it('has no session without the cookie, or with a cookie whose name only contains it', () => {
    expect(readSessionCookie(undefined)).toBeUndefined();
    expect(readSessionCookie('')).toBeUndefined();
    expect(readSessionCookie('xph_session=1; ph_session_old=2; ph_session')).toBeUndefined();
  });

  it('takes the first of two, unquotes and decodes the value, and keeps a malformed encoding as sent', () => {
    expect(readSessionCookie('ph_session=first; ph_session=second')).toBe('first');
    expect(readSessionCookie('ph_session="quoted"')).toBe('quoted');
    expect(readSessionCookie('ph_session=a%2Fb%3D')).toBe('a/b=');
    expect(readSessionCookie('ph_session=%')).toBe('%');
    expect(readSessionCookie('ph_session=')).toBe('');
  });

  it('reads back what it writes', () => {
    const header = serializeSessionCookie('ph_s/e+c=ret', { secure: true, maxAgeSeconds: 60 });
    expect(header).toBe('ph_session=ph_s%2Fe%2Bc%3Dret; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure');
    expect(readSessionCookie(header.split(';')[0])).toBe('ph_s/e+c=ret');
  });
});
