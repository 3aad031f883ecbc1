import { Counter, Histogram, register } from 'prom-client';

// Domain series, recorded where the rule runs (services and adapters) and exposed by the server's /metrics
// together with its HTTP series. One process-wide registry: prom-client's default.

/** Failed credential checks per surface (admin, flexcare, appgate, twon, soajs, rpdb, trpc). */
export const failedLogins = new Counter({
  name: 'profilehub_failed_logins_total',
  help: 'Failed credential checks (wrong password, unknown key or token), per surface',
  labelNames: ['surface'] as const,
  registers: [register],
});

/** Entries per 2N directory batch (create/update/delete/get), the size that decides a batch's cost. */
export const twonBatchEntries = new Histogram({
  name: 'profilehub_twon_batch_entries',
  help: 'Entries per 2N /api/dir batch request',
  labelNames: ['verb'] as const,
  buckets: [1, 10, 100, 1_000, 5_000, 10_000, 50_000],
  registers: [register],
});
