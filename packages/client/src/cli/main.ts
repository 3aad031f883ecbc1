import { parseArgs } from 'node:util';
import { createProfilehubClient, describeClientError, type ProfilehubClient, UNREACHABLE_PREFIX } from '../index';
import { type Command, type CommandContext, commands, type Options, type Values } from './commands';
import { type Connection, resolveConnection } from './config';
import { readCliEnv } from './env';
import { CliError, ExitCode, exitCodeFor, UsageError } from './errors';

export type Io = {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  readStdin?: () => Promise<string>;
  /** stderr is a terminal: progress bars are drawn there. */
  interactive?: boolean;
};

const globalOptions = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

const REQUEST_TIMEOUT_MS = 30_000;

const exitCodeHelp = `Exit codes:
  0  success
  1  failure (conflict, server error, unexpected answer)
  2  usage error, or input the server rejected as invalid
  3  authentication or permission refused (unknown, revoked or expired token; missing scope)
  4  not found
  5  server, or its database, unreachable
`;

const globalHelp = `Options for every command:
  --url URL      server URL (default: $PROFILEHUB_URL)
  --token TOKEN  API token (default: $PROFILEHUB_TOKEN; prefer the variable, flags are visible in ps)
  --json         print JSON on stdout instead of tables
  -h, --help     show help

With no URL and no token given, the "api" entry of <PROFILEHUB_DATA_DIR or repo>/.data/demo-credentials.json
is used (the server writes it when it seeds the demo workspace).
`;

function helpText(): string {
  const lines = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  lines.push("  help [COMMAND]\n      show this help, or one command's");
  return `profilehub: command-line client for a Profilehub server

Usage: profilehub COMMAND [options]

Commands:
${lines.join('\n')}

${globalHelp}
The "db" commands open the database themselves (DATABASE_URL, else the embedded PGlite folder) and need no
URL or token; on PGlite stop the server first.

Vendor commands take the procedure's own input as --input JSON (or @FILE, or - for stdin); ID and the scope
option fill in its id and scope. "profilehub call" reaches every procedure.

${exitCodeHelp}`;
}

function commandHelp(command: Command): string {
  return `Usage: profilehub ${command.usage}\n\n${command.summary}\n\n${globalHelp}\n${exitCodeHelp}`;
}

// Every proper prefix of a command path (`rpdb`, `rpdb profile`) names a group of subcommands.
const groups = new Set(
  commands.flatMap((c) => {
    const words = c.path.split(' ');
    return words.slice(1).map((_, i) => words.slice(0, i + 1).join(' '));
  }),
);
const maxWords = Math.max(...commands.map((c) => c.path.split(' ').length));

/** Finds the command named by the leading positionals; returns it with how many words it used. */
function findCommand(positionals: string[]): { command: Command; words: number } | { group: string; words: number } | null {
  for (let words = Math.min(maxWords, positionals.length); words >= 1; words--) {
    const path = positionals.slice(0, words).join(' ');
    const command = commands.find((c) => c.path === path);
    if (command) return { command, words };
  }
  for (let words = Math.min(maxWords, positionals.length); words >= 1; words--) {
    const group = positionals.slice(0, words).join(' ');
    if (groups.has(group)) return { group, words };
  }
  return null;
}

function subcommands(group: string): string {
  const next = commands.filter((c) => c.path.startsWith(`${group} `)).map((c) => c.path.slice(group.length + 1).split(' ')[0]!);
  return [...new Set(next)].join(', ');
}

function optionName(rawName: string | undefined, name: string): string {
  return rawName ?? (name.length === 1 ? `-${name}` : `--${name}`);
}

type Parsed = { kind: 'help'; text: string } | { kind: 'run'; command: Command; values: Values; args: string[] };

function parse(argv: string[]): Parsed {
  const allOptions: Options = { ...globalOptions };
  for (const c of commands) Object.assign(allOptions, c.options);
  // First pass only finds the command (its options decide what the strict pass accepts).
  const loose = parseArgs({ args: argv, options: allOptions, strict: false, allowPositionals: true, tokens: true });
  for (const t of loose.tokens) {
    if (t.kind === 'option' && !Object.hasOwn(allOptions, t.name)) throw new UsageError(`unknown option ${optionName(t.rawName, t.name)}`);
  }
  const positionals = loose.positionals;
  const wantsHelp = loose.values.help === true;

  if (positionals.length === 0) return { kind: 'help', text: helpText() };
  if (positionals[0] === 'help') {
    const rest = positionals.slice(1);
    if (rest.length === 0) return { kind: 'help', text: helpText() };
    const found = findCommand(rest);
    if (found && 'command' in found && found.words === rest.length) return { kind: 'help', text: commandHelp(found.command) };
    if (found && 'group' in found && rest.length === found.words) return { kind: 'help', text: helpText() };
    throw new UsageError(`unknown command "${rest.join(' ')}"`);
  }
  const found = findCommand(positionals);
  if (!found) throw new UsageError(`unknown command "${positionals[0]}"`);
  if ('group' in found) {
    if (wantsHelp && positionals.length === found.words) return { kind: 'help', text: helpText() };
    const sub = positionals[found.words];
    throw new UsageError(
      sub ? `unknown command "${found.group} ${sub}"` : `"${found.group}" needs a subcommand: ${subcommands(found.group)}`,
      `run "profilehub help" for usage`,
    );
  }
  const { command, words } = found;
  if (wantsHelp) return { kind: 'help', text: commandHelp(command) };

  const options = { ...globalOptions, ...command.options };
  for (const t of loose.tokens) {
    if (t.kind !== 'option') continue;
    const name = optionName(t.rawName, t.name);
    const spec = Object.hasOwn(options, t.name) ? (options as Options)[t.name] : undefined;
    if (!spec) throw new UsageError(`option ${name} does not apply to "${command.path}"`, `run "profilehub help ${command.path}"`);
    if (spec.type === 'string' && t.value === undefined)
      throw new UsageError(`option ${name} needs a value`, `run "profilehub help ${command.path}"`);
  }
  let strict: { values: Values; positionals: string[] };
  try {
    strict = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message, `run "profilehub help ${command.path}"`);
  }
  const args = strict.positionals.slice(words);
  const required = command.args.filter((a) => a.required);
  if (args.length < required.length) {
    throw new UsageError(`"${command.path}" needs ${required[args.length]!.name}`, `usage: profilehub ${command.usage}`);
  }
  if (args.length > command.args.length) throw new UsageError(`unexpected argument "${args[command.args.length]}" for "${command.path}"`);
  return { kind: 'run', command, values: strict.values, args };
}

function describeFailure(err: unknown, connection: Connection | null): { exitCode: ExitCode; message: string } {
  if (err instanceof CliError) return { exitCode: err.exitCode, message: err.message };
  const info = describeClientError(err);
  const exitCode = exitCodeFor(info.code);
  switch (info.code) {
    case 'UNREACHABLE':
      return {
        exitCode,
        message: `cannot reach the server at ${connection?.url ?? '?'}: ${info.message.slice(UNREACHABLE_PREFIX.length)}`,
      };
    case 'UNAUTHORIZED':
      return { exitCode, message: 'the server refused the API token (unknown, revoked or expired)' };
    case 'FORBIDDEN':
      return { exitCode, message: `permission denied: ${info.message}` };
    case 'SERVICE_UNAVAILABLE':
      return { exitCode, message: `the server cannot reach its database: ${info.message}` };
    default:
      return { exitCode, message: info.message };
  }
}

/** Runs one CLI invocation and returns its exit code (never throws, never calls process.exit). */
export async function main(argv: string[], io: Io): Promise<number> {
  let connection: Connection | null = null;
  try {
    const parsed = parse(argv);
    if (parsed.kind === 'help') {
      io.stdout(parsed.text);
      return ExitCode.ok;
    }
    const env = readCliEnv(io.env);
    let client: ProfilehubClient | null = null;
    const ctx: CommandContext = {
      values: parsed.values,
      args: parsed.args,
      jsonOutput: parsed.values.json === true,
      env,
      processEnv: io.env,
      out: io.stdout,
      note: (line) => io.stderr(`${line}\n`),
      readStdin: io.readStdin ?? (() => Promise.resolve('')),
      interactive: io.interactive ?? false,
      progress: (line) => {
        if (io.interactive) io.stderr(`\r${line}\x1b[K`);
      },
      client() {
        if (!client) {
          connection = resolveConnection(
            { url: parsed.values.url as string | undefined, token: parsed.values.token as string | undefined },
            env,
            ctx.note,
          );
          client = createProfilehubClient({ ...connection, timeoutMs: REQUEST_TIMEOUT_MS });
        }
        return client;
      },
    };
    await parsed.command.run(ctx);
    return ExitCode.ok;
  } catch (err) {
    const { exitCode, message } = describeFailure(err, connection);
    // One line, whatever the server or driver put in its message: scripts read stderr line by line.
    io.stderr(`error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return exitCode;
  }
}
