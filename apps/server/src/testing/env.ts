/** The settings buildServer needs in tests: production defaults, silent logs, a short keep-alive. */
export const testServerEnv = {
  BODY_LIMIT_BYTES: 1024 * 1024,
  REQUEST_TIMEOUT_MS: 30_000,
  HEADERS_TIMEOUT_MS: 10_000,
  KEEP_ALIVE_TIMEOUT_MS: 5_000,
  LOG_LEVEL: 'silent' as const,
  REST_PREFIX: '',
  COOKIE_SECURE: false,
};
