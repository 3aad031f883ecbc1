/**
 * Procedures that check a password. Each call is one guess, so a transport must not let one request carry
 * many of them (a tRPC batch of 50 logins was 50 guesses). A batch of one is what httpBatchLink sends for a
 * single call, and stays allowed.
 */
export const CREDENTIAL_PROCEDURES: ReadonlySet<string> = new Set([
  'auth.login',
  'flexcare.auth.login',
  'appgate.session.login',
  'rpdb.apiKey.authorize',
]);

/** True when a batch of these procedure paths would check more than one credential in one request. */
export function batchChecksCredentials(paths: readonly string[]): boolean {
  return paths.length > 1 && paths.some((p) => CREDENTIAL_PROCEDURES.has(p));
}
