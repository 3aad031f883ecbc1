// Where to send a user after sign-in. The value comes from the query string, so anyone can craft it: only a
// same-origin absolute path is accepted ("/x", never "//host", "/\host" or "https://…"), anything else falls
// back to the overview — otherwise the login page would be an open redirect.

export const RETURN_PARAM = 'next';

/** Request header set by `src/proxy.ts` with the page's path and query (server components cannot see the URL). */
export const PATH_HEADER = 'x-profilehub-path';

export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return '/';
  // Browsers strip tabs/newlines from URLs and treat "\" as "/", so "/\t/evil.com" would become "//evil.com".
  if (value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  let url: URL;
  try {
    url = new URL(value, 'http://admin.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://admin.invalid') return '/';
  // Coming back to the sign-in page after signing in would loop.
  if (url.pathname === '/login') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in URL that brings the user back to `path` (the overview needs no parameter). */
export function loginUrl(path: string): string {
  const target = safeReturnPath(path);
  return target === '/' ? '/login' : `/login?${RETURN_PARAM}=${encodeURIComponent(target)}`;
}
