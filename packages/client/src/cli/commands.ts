import type { ParseArgsConfig } from 'node:util';
import type { ProfilehubClient, RouterInputs, RouterOutputs } from '../index';
import { callCommand } from './call-command';
import { dbCommands } from './db-commands';
import type { CliEnv } from './env';
import { CliError, ExitCode, UsageError } from './errors';
import { fields, formatDate, json, table } from './format';
import { twonTransferCommands } from './twon-transfer';
import { vendorCommands } from './vendor-commands';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export type CommandContext = {
  values: Values;
  args: string[];
  /** `--json`: machine output on stdout, nothing else there. */
  jsonOutput: boolean;
  env: CliEnv;
  /** The whole environment, for the commands that open the database themselves (DATABASE_URL & co.). */
  processEnv: NodeJS.ProcessEnv;
  out(text: string): void;
  /** A line on stderr that is not an error (where config came from, warnings). */
  note(line: string): void;
  /** Everything on stdin (`--input -`). */
  readStdin(): Promise<string>;
  /** Whether stderr is a terminal (progress bars only there). */
  interactive: boolean;
  /** Redraws one status line on a terminal's stderr (nothing otherwise); '' clears it. */
  progress(line: string): void;
  client(): ProfilehubClient;
};

export type Command = {
  /** Command words, e.g. `token create`. */
  path: string;
  usage: string;
  summary: string;
  options: Options;
  args: { name: string; required: boolean }[];
  run(ctx: CommandContext): Promise<void>;
};

type ApiToken = RouterOutputs['apiToken']['list'][number];
type Account = RouterOutputs['account']['list'][number];
type Role = RouterInputs['account']['create']['role'];

const roles = ['owner', 'admin', 'viewer'] as const satisfies readonly NonNullable<Role>[];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function stringOption(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** drizzle wraps driver errors in a multi-line "Failed query: …"; the innermost cause says what happened. */
function rootMessage(err: unknown): string {
  let current = err;
  for (let depth = 0; depth < 5 && (current as { cause?: unknown })?.cause instanceof Error; depth++) {
    current = (current as { cause: Error }).cause;
  }
  return (current instanceof Error ? current.message : String(current)).replace(/\s+/g, ' ').trim();
}

function tokenFields(t: ApiToken): [string, string][] {
  return [
    ['id', t.id],
    ['name', t.name],
    ['prefix', t.prefix],
    ['scopes', t.scopes.join(', ')],
    ['status', t.status],
    ['expires', formatDate(t.expiresAt, 'never')],
    ['owner', t.accountUsername],
  ];
}

const tokenCreate: Command = {
  path: 'token create',
  usage: 'token create --name NAME --scope SCOPE [--scope SCOPE ...] [--expires-days DAYS]',
  summary: 'create an API token; its plaintext is printed once',
  options: { name: { type: 'string' }, scope: { type: 'string', multiple: true }, 'expires-days': { type: 'string' } },
  args: [],
  async run(ctx) {
    const name = stringOption(ctx.values, 'name');
    if (!name?.trim()) throw new UsageError('token create needs --name', 'e.g. --name ci-sync');
    // `--scope a --scope b` and `--scope a,b` both work.
    const requested = ((ctx.values.scope as string[] | undefined) ?? []).flatMap((s) => s.split(',')).map((s) => s.trim());
    const scopes = [...new Set(requested.filter(Boolean))];
    if (scopes.length === 0)
      throw new UsageError('token create needs at least one --scope', 'e.g. --scope tokens:read; "profilehub whoami" lists yours');
    const days = stringOption(ctx.values, 'expires-days');
    if (days !== undefined && !/^[1-9]\d{0,3}$/.test(days))
      throw new UsageError(`--expires-days must be a whole number of days, got "${days}"`, '');
    const created = await ctx.client().apiToken.create.mutate({
      name,
      scopes: scopes as RouterInputs['apiToken']['create']['scopes'],
      expiresInDays: days ? Number(days) : undefined,
    });
    if (ctx.jsonOutput) return ctx.out(json(created));
    ctx.out(`API token created. Copy it now; it is not shown again:\n\n  ${created.token}\n\n${fields(tokenFields(created.apiToken))}`);
  },
};

const tokenList: Command = {
  path: 'token list',
  usage: 'token list',
  summary: "list the workspace's API tokens (never their secret)",
  options: {},
  args: [],
  async run(ctx) {
    const tokens = await ctx.client().apiToken.list.query();
    if (ctx.jsonOutput) return ctx.out(json(tokens));
    if (tokens.length === 0) return ctx.out('no API tokens\n');
    ctx.out(
      table<ApiToken>(
        [
          { header: 'id', value: (t) => t.id },
          { header: 'name', value: (t) => t.name },
          { header: 'prefix', value: (t) => t.prefix },
          { header: 'status', value: (t) => t.status },
          { header: 'expires', value: (t) => formatDate(t.expiresAt, 'never') },
          { header: 'last used', value: (t) => formatDate(t.lastUsedAt, 'never') },
          { header: 'owner', value: (t) => t.accountUsername },
          // Last: a token with many scopes makes this the widest column, and the rest stay readable.
          { header: 'scopes', value: (t) => t.scopes.join(',') },
        ],
        tokens,
      ),
    );
  },
};

const tokenRevoke: Command = {
  path: 'token revoke',
  usage: 'token revoke ID',
  summary: 'revoke a token; it is refused from its next request on',
  options: {},
  args: [{ name: 'ID', required: true }],
  async run(ctx) {
    const id = ctx.args[0]!;
    // Checked here so a typo reads "not found" instead of a schema error about UUIDs.
    if (!uuidPattern.test(id))
      throw new CliError(ExitCode.notFound, `no API token with id "${id}" (ids are UUIDs; see "profilehub token list")`);
    const revoked = await ctx
      .client()
      .apiToken.revoke.mutate({ id })
      .catch((err: unknown) => {
        if ((err as { data?: { code?: string } }).data?.code === 'NOT_FOUND') {
          throw new CliError(ExitCode.notFound, `no API token with id ${id} in this workspace`);
        }
        throw err;
      });
    if (ctx.jsonOutput) return ctx.out(json(revoked));
    ctx.out(`revoked API token "${revoked.name}" (${revoked.prefix}) at ${formatDate(revoked.revokedAt)}\n`);
  },
};

const accountCreate: Command = {
  path: 'account create',
  usage: `account create USERNAME [--role ${roles.join('|')}] [--display-name NAME] [--password PASSWORD]`,
  summary: 'create an account (role viewer by default); a generated password is printed once',
  options: { role: { type: 'string' }, 'display-name': { type: 'string' }, password: { type: 'string' } },
  args: [{ name: 'USERNAME', required: true }],
  async run(ctx) {
    const role = stringOption(ctx.values, 'role');
    if (role !== undefined && !(roles as readonly string[]).includes(role)) {
      throw new UsageError(`--role must be one of ${roles.join(', ')}, got "${role}"`, '');
    }
    const created = await ctx.client().account.create.mutate({
      username: ctx.args[0]!,
      role: role as Role,
      displayName: stringOption(ctx.values, 'display-name'),
      password: stringOption(ctx.values, 'password'),
    });
    if (ctx.jsonOutput) return ctx.out(json(created));
    const a = created.account;
    const details = fields([
      ['id', a.id],
      ['username', a.username],
      ['display name', a.displayName || '-'],
      ['role', a.role],
    ]);
    ctx.out(
      created.password
        ? `Account created. Its generated password is shown only once:\n\n  ${created.password}\n\n${details}`
        : `Account created.\n\n${details}`,
    );
  },
};

const accountList: Command = {
  path: 'account list',
  usage: 'account list',
  summary: "list the workspace's accounts",
  options: {},
  args: [],
  async run(ctx) {
    const list = await ctx.client().account.list.query();
    if (ctx.jsonOutput) return ctx.out(json(list));
    ctx.out(
      table<Account>(
        [
          { header: 'id', value: (a) => a.id },
          { header: 'username', value: (a) => a.username },
          { header: 'display name', value: (a) => a.displayName || '-' },
          { header: 'role', value: (a) => a.role },
          { header: 'status', value: (a) => (a.disabledAt ? 'disabled' : 'active') },
          { header: 'created', value: (a) => formatDate(a.createdAt) },
        ],
        list,
      ),
    );
  },
};

const whoami: Command = {
  path: 'whoami',
  usage: 'whoami',
  summary: 'show who the token acts as, in which workspace, with which scopes',
  options: {},
  args: [],
  async run(ctx) {
    const me = await ctx.client().auth.me.query();
    if (ctx.jsonOutput) return ctx.out(json(me));
    ctx.out(
      fields([
        ['actor', `${me.actorType} ${me.label}`],
        ['account', me.account ? `${me.account.username} (${me.account.role})` : '-'],
        ['workspace', `${me.workspace.slug} (${me.workspace.name})`],
        ['scopes', me.scopes.join(', ')],
      ]),
    );
  },
};

const dbMigrate: Command = {
  path: 'db migrate',
  usage: 'db migrate',
  summary: 'apply committed migrations to DATABASE_URL, or to the embedded PGlite folder (PGLITE_DIR / PROFILEHUB_DATA_DIR)',
  options: {},
  args: [],
  async run(ctx) {
    // The one command that opens the database itself (loaded here so other commands never load a driver).
    const { createDb, isDatabaseUnavailable } = await import('@profilehub/db');
    let handle: ReturnType<typeof createDb>;
    try {
      handle = createDb();
    } catch (err) {
      // createDb validates DATABASE_URL & co. (a ConfigError); name the variable in one line.
      const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
      if (!Array.isArray(issues)) throw err;
      throw new UsageError(`invalid database configuration: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, '');
    }
    if (handle.driver === 'pglite') {
      ctx.note(`warning: PGlite has no lock between processes; stop the server using ${handle.location} before migrating`);
    }
    try {
      await handle.migrate();
    } catch (err) {
      if (isDatabaseUnavailable(err))
        throw new CliError(ExitCode.unreachable, `database unreachable (${handle.location}): ${rootMessage(err)}`);
      throw new CliError(ExitCode.failure, `migration failed (${handle.location}): ${rootMessage(err)}`);
    } finally {
      // A failing close must not replace the migration's own outcome in the report.
      await handle.close().catch(() => {});
    }
    if (ctx.jsonOutput) return ctx.out(json({ ok: true, driver: handle.driver, database: handle.location }));
    ctx.out(`migrations applied (${handle.location})\n`);
  },
};

export const commands: Command[] = [
  tokenCreate,
  tokenList,
  tokenRevoke,
  accountCreate,
  accountList,
  whoami,
  dbMigrate,
  ...dbCommands,
  ...vendorCommands,
  ...twonTransferCommands,
  callCommand,
];
