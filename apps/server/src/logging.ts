import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import pino from 'pino';
import pinoPretty from 'pino-pretty';
import type { ServerEnv } from './env';

const REDACTED = '[REDACTED]';

// Query parameters that carry a credential on some surface: FlexCare `?token=`, SOAJS `access_token` and
// `key`, logins sent as query strings (`password`), and anything else named like a secret.
const SECRET_PARAM = /token|passw|pwd|secret|key|pin|auth|session|signature|credential/i;

// Headers are never logged: the request serializer below keeps the method, the redacted URL, the host and
// the client, so credential headers (authorization, cookies, RPdb `x-api-key`, SOAJS `key`) never reach a
// line, and no per-line redaction pass is needed for them.

/** The request URL with every secret-looking query value replaced (names kept, so the log still reads). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // an undecodable name is judged as sent
      }
      return eq >= 0 && SECRET_PARAM.test(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

type LoggedError = { type: string; message: string; stack: string; code?: string; query?: string; cause?: LoggedError };

// Database errors repeat the values they were given: drizzle's "Failed query: … params: …", PostgreSQL's
// `invalid input syntax for type integer: "…"` and `Key (name)=(…)` details. Logged: the SQL text with its
// placeholders, the SQLSTATE and the message with quoted values masked.
function maskValues(text: string): string {
  return text.replace(/"[^"]*"/g, '"…"').replace(/\([^()]*\)=\([^()]*\)/g, '(…)=(…)');
}

/** Serializes an error (and its causes) without the parameter values a failed query carries. */
export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: maskValues(String(err)), stack: '' };
  const e = err as Error & { code?: unknown; query?: unknown; params?: unknown; severity?: unknown };
  const isQueryError = typeof e.query === 'string' && 'params' in e;
  const isDriverError = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && 'severity' in e;
  const message = isQueryError ? 'Failed query' : isDriverError ? maskValues(e.message) : e.message;
  const frames = e.stack
    ?.split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
  const out: LoggedError = { type: e.name, message, stack: `${e.name}: ${message}\n${frames ?? ''}` };
  if (typeof e.code === 'string') out.code = e.code;
  if (isQueryError) out.query = e.query as string;
  if (e.cause !== undefined && depth < 5) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

type RequestLike = { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } };

/** What a line says of a request: method, redacted URL, host and client (never headers). */
function serializeRequest(req: RequestLike) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** Logger options: JSON (pino), credentials redacted from URLs, headers and errors before they are written. */
export function loggerOptions(level: ServerEnv['LOG_LEVEL'], stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  if (level === 'silent' && !stream) return false;
  return {
    level: level === 'silent' ? 'info' : level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: serializeRequest,
      err: (err: unknown) => serializeError(err),
    },
  };
}

/** Where log lines go; `flushAtExit` writes out what is still buffered (main, before it exits). */
export type LogDestination = { write(line: string): void; flushAtExit?(): Promise<void> };

/** JSON (the default, and always in production), or readable lines when asked for or when a person is watching a terminal in development. */
export function logFormat(env: Pick<ServerEnv, 'LOG_FORMAT' | 'NODE_ENV'>, tty = Boolean(process.stdout.isTTY)): 'json' | 'pretty' {
  return env.LOG_FORMAT === 'pretty' || (env.LOG_FORMAT === undefined && tty && env.NODE_ENV !== 'production') ? 'pretty' : 'json';
}

/**
 * Where log lines go, in the format logFormat picks; redaction happens before either. JSON is written to
 * stdout asynchronously and in batches (a synchronous write per line cost every request a system call); main
 * flushes it at exit.
 */
export function logDestination(
  env: Pick<ServerEnv, 'LOG_FORMAT' | 'NODE_ENV'>,
  tty = Boolean(process.stdout.isTTY),
  destination: NodeJS.WritableStream = process.stdout,
): LogDestination {
  if (logFormat(env, tty) === 'pretty')
    return pinoPretty({
      colorize: tty,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
      singleLine: true,
      sync: true,
      destination,
    });
  if (destination !== process.stdout) return destination;
  // Lines are gathered up to 4 KB per write (one write per line was one system call per request, about a
  // twelfth of the server's CPU on a GET-by-id) and a quiet server's lines go out within half a second.
  // When whatever reads stdout stalls, at most LOG_BUFFER_MAX bytes wait: later lines are dropped (and the
  // drop is said on stderr) rather than held in memory without bound. A write stdout refuses (EAGAIN: the
  // pipe is full) is retried every 100 ms; while the server runs, for as long as it takes. At exit the
  // retries give up once stdout has taken nothing for LOG_EXIT_STALL_MS: sonic-boom's flushSync otherwise
  // sleeps and retries forever, blocking the event loop, and SIGTERM would never end the process.
  let exiting = false;
  let stall: { since: number; left: number } | undefined;
  const stdout = pino.destination({
    dest: 1,
    sync: false,
    minLength: 4096,
    maxLength: LOG_BUFFER_MAX,
    // Asked on every refused write, in the background and in flushSync alike; `writing + queued` is every
    // byte not yet written, so a smaller sum than last time means the reader took something.
    retryEAGAIN: (_err: Error, writing: number, queued: number) => {
      if (!exiting) return true;
      const left = writing + queued;
      const now = Date.now();
      if (!stall || left < stall.left) stall = { since: now, left };
      return now - stall.since < LOG_EXIT_STALL_MS;
    },
  });
  let dropped = 0;
  stdout.on('drop', () => {
    if (dropped++ === 0) process.stderr.write('log output is not being read: dropping log lines until it is\n');
  });
  stdout.on('write', () => {
    if (dropped > 0) process.stderr.write(`log output resumed; ${dropped} log line(s) were dropped\n`);
    dropped = 0;
  });
  // Ended by pino at exit: the timer stops rather than flush a destroyed stream.
  const flusher = setInterval(() => {
    if ((stdout as typeof stdout & { destroyed?: boolean }).destroyed) clearInterval(flusher);
    else stdout.flush();
  }, LOG_FLUSH_INTERVAL_MS).unref();

  async function writeOut(): Promise<void> {
    exiting = true;
    // flushSync skips a write that is under way (waiting out a refusal, say), which exit would then lose;
    // flush waits for it, and writes on until at most minLength bytes are left (or the retries gave up).
    await new Promise<void>((resolve) => stdout.flush(() => resolve()));
    try {
      stdout.flushSync();
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code !== 'EAGAIN' && code !== 'EBUSY') throw err;
    }
    const droppedToo = dropped > 0 ? `, and ${dropped} log line(s) were dropped before` : '';
    process.stderr.write(`log output is not being read: ${stall?.left ?? 0} bytes of log lines left unwritten at exit${droppedToo}\n`);
    // Destroyed, pino's own exit hook leaves it alone instead of trying again.
    stdout.destroy();
  }
  let finished: Promise<void> | undefined;
  return Object.assign(stdout, { flushAtExit: () => (finished ??= writeOut()) });
}

/** Most bytes of log lines held while stdout is not being read. */
export const LOG_BUFFER_MAX = 16 * 1024 * 1024;

/** At exit, how long stdout may take nothing before the lines still buffered are given up. */
export const LOG_EXIT_STALL_MS = 1000;

/** Longest a buffered log line waits before it is written. */
export const LOG_FLUSH_INTERVAL_MS = 500;

// What pino keeps on a logger: its bound fields (pid, hostname, the request's reqId) as a JSON fragment, the
// time field's writer and the destination.
const { chindingsSym, timeSym, streamSym } = pino.symbols;

/**
 * One line per request, written when it has been answered: method, redacted URL, client, status and time.
 * Fastify's own controller writes two (one on arrival, one on completion); every other line it writes
 * (errors, 404s, stream errors) stays as it is.
 *
 * The line of an answered request is the line pino writes for `{ req, res, responseTime }` at info, put
 * together here: through pino's generic path (serializers, a key-by-key stringify, the merge of the fields)
 * it cost every request about a tenth of the bytes it allocated and a twentieth of its CPU.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const log = reply.log;
    if (error) {
      log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
      return;
    }
    const internals = log as unknown as Record<symbol, unknown>;
    const stream = internals[streamSym] as { write(line: string): void } | undefined;
    const time = internals[timeSym] as (() => string) | undefined;
    if (!stream || !time) {
      log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
      return;
    }
    if (!(log as pino.Logger).isLevelEnabled('info')) return;
    stream.write(
      `{"level":30${time()}${(internals[chindingsSym] as string | undefined) ?? ''},"req":${JSON.stringify(serializeRequest(request))},` +
        `"res":{"statusCode":${reply.statusCode}},"responseTime":${reply.elapsedTime},"msg":"request completed"}\n`,
    );
  }
}

export function requestLogController(): LogController {
  return new OneLinePerRequest();
}
