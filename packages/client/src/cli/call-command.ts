import type { ProfilehubClient } from '../index';
import type { Command } from './commands';
import { CliError, ExitCode, UsageError } from './errors';
import { json } from './format';
import { readJsonInput } from './input';

type Callable = { query(input: unknown): Promise<unknown>; mutate(input: unknown): Promise<unknown> };

/** The typed client's proxy, walked by a dotted path: `rpdb.profile.list` → client.rpdb.profile.list. */
function procedure(client: ProfilehubClient, path: string): Callable {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client) as Callable;
}

function codeOf(err: unknown): string | undefined {
  return (err as { data?: { code?: string } }).data?.code;
}

export const callCommand: Command = {
  path: 'call',
  usage: 'call PROCEDURE [--input JSON|@FILE|-] [--mutation]',
  summary: 'call any tRPC procedure (e.g. rpdb.profile.list) with a JSON input and print its JSON answer',
  options: { input: { type: 'string' }, mutation: { type: 'boolean' } },
  args: [{ name: 'PROCEDURE', required: true }],
  async run(ctx) {
    const path = ctx.args[0]!;
    if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/.test(path)) {
      throw new UsageError(`"${path}" is not a procedure path`, 'e.g. rpdb.profile.list or twoN.directory.get');
    }
    const input = ctx.values.input === undefined ? undefined : await readJsonInput(ctx.values.input as string, ctx.readStdin);
    const target = procedure(ctx.client(), path);
    let result: unknown;
    try {
      if (ctx.values.mutation === true) result = await target.mutate(input);
      else {
        // A query is sent as GET; the server refuses a mutation that way without running it (405), and the
        // call is then repeated as a mutation.
        try {
          result = await target.query(input);
        } catch (err) {
          if (codeOf(err) !== 'METHOD_NOT_SUPPORTED') throw err;
          result = await target.mutate(input);
        }
      }
    } catch (err) {
      throw unknownProcedure(err, path) ?? err;
    }
    ctx.out(json(result ?? null));
  },
};

function unknownProcedure(err: unknown, path: string): CliError | null {
  return codeOf(err) === 'NOT_FOUND' && /no procedure/i.test((err as Error).message)
    ? new CliError(ExitCode.notFound, `no procedure "${path}" on the server`)
    : null;
}
