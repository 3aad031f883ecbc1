import { appRouter } from '@profilehub/api';
import type { PoolStats } from '@profilehub/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, register } from 'prom-client';

/** Which surface a request belongs to: vendor routes carry it in their route config; the rest by path. */
function surfaceOf(req: FastifyRequest): string {
  const configured = (req.routeOptions.config as { surface?: string } | undefined)?.surface;
  if (configured) return configured;
  return req.url.startsWith('/trpc') ? 'trpc' : 'server';
}

const procedures = new Set(Object.keys(appRouter._def.procedures));

/**
 * The route pattern (never the raw URL, so label values stay bounded); tRPC reports its procedure when
 * there is one at that path (a client can send any path: those share one value).
 */
function routeOf(req: FastifyRequest, surface: string): string {
  const pattern = req.routeOptions.url;
  if (!pattern) return 'unmatched';
  if (surface === 'trpc') {
    const path = (req.params as { path?: string } | undefined)?.path ?? '';
    if (path.includes(',')) return '(batch)';
    return procedures.has(path) ? path : path ? '(no such procedure)' : pattern;
  }
  return pattern;
}

let defaultsCollected = false;

/**
 * Prometheus series for the HTTP path (count and latency per surface, route, method and status class) and
 * the database pool, plus every series registered elsewhere in the process (failed logins, 2N batch sizes),
 * served as text at GET /metrics.
 */
export function registerMetrics(app: FastifyInstance, options: { poolStats?: () => PoolStats } = {}) {
  if (!defaultsCollected) {
    collectDefaultMetrics({ register, prefix: 'profilehub_' });
    defaultsCollected = true;
  }
  const requests =
    (register.getSingleMetric('profilehub_http_requests_total') as Counter<'surface' | 'route' | 'method' | 'status_class'>) ??
    new Counter({
      name: 'profilehub_http_requests_total',
      help: 'HTTP requests answered, per surface, route, method and status class',
      labelNames: ['surface', 'route', 'method', 'status_class'] as const,
    });
  const duration =
    (register.getSingleMetric('profilehub_http_request_duration_seconds') as Histogram<'surface' | 'route' | 'method'>) ??
    new Histogram({
      name: 'profilehub_http_request_duration_seconds',
      help: 'Time from request received to response sent, per surface, route and method',
      labelNames: ['surface', 'route', 'method'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  const pool = register.getSingleMetric('profilehub_db_pool_connections') as Gauge<'state'> | undefined;
  if (pool) register.removeSingleMetric('profilehub_db_pool_connections');
  if (options.poolStats) {
    const read = options.poolStats;
    new Gauge({
      name: 'profilehub_db_pool_connections',
      help: 'Database pool: statements and transactions admitted, those waiting for admission, and the connections',
      labelNames: ['state'] as const,
      collect() {
        const s = read();
        this.set({ state: 'in_use' }, s.inUse);
        this.set({ state: 'waiting' }, s.waiting);
        this.set({ state: 'max' }, s.max);
      },
    });
  }

  // Each label set's series, looked up once: prom-client would otherwise hash the labels on every request.
  // Bounded, since every label value is.
  const series = new Map<string, { count: () => void; observe: (seconds: number) => void }>();
  app.addHook('onResponse', (req, reply, done) => {
    const surface = surfaceOf(req);
    const route = routeOf(req, surface);
    if (route !== '/metrics') {
      const statusClass = `${Math.floor(reply.statusCode / 100)}xx`;
      const key = `${surface}\0${route}\0${req.method}\0${statusClass}`;
      let s = series.get(key);
      if (!s) {
        const counter = requests.labels(surface, route, req.method, statusClass);
        const histogram = duration.labels(surface, route, req.method);
        s = { count: () => counter.inc(), observe: (seconds) => histogram.observe(seconds) };
        series.set(key, s);
      }
      s.count();
      s.observe(reply.elapsedTime / 1000);
    }
    done();
  });

  app.get('/metrics', async (_req, reply) => {
    reply.type(register.contentType);
    return register.metrics();
  });
}
