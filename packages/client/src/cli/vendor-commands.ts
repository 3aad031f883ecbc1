import type { ProfilehubClient, RouterInputs } from '../index';
import type { Command, CommandContext } from './commands';
import { CliError, ExitCode, UsageError } from './errors';
import { fields, json, table } from './format';
import { readJsonInput } from './input';

// Vendor resources over the typed client: each operation below is a call on `ProfilehubClient`, so a
// procedure renamed or an input reshaped in the router fails the typecheck here, not at a user's prompt.
// The input of every operation is the procedure's own input (`--input JSON`), with the positional ID and
// the scope option (`--account`, `--directory`, `--tenant`) filled in; the server validates it.

type Input = Record<string, unknown>;
type Operation = (client: ProfilehubClient, input: Input) => Promise<unknown>;
type OperationName = 'list' | 'get' | 'create' | 'update' | 'delete';

/** Types one call against the router; the cast is the one place untyped CLI input meets the typed input. */
function op<I>(call: (client: ProfilehubClient, input: I) => Promise<unknown>): Operation {
  return (client, input) => call(client, input as I);
}

type IdKind = 'int' | 'uuid' | 'text';

type Resource = {
  /** Command words, e.g. `rpdb profile`. */
  path: string;
  label: string;
  id: { kind: IdKind; toInput: (id: string | number) => Input };
  scope?: { option: string; field: string; kind: IdKind; required: boolean };
  /** Columns of `list` (first-level fields of each row). */
  columns: string[];
  operations: Partial<Record<OperationName, Operation>>;
};

const byId = (id: string | number): Input => ({ id });

export const resources: Resource[] = [
  {
    path: 'rpdb profile',
    label: 'RPdb profile',
    id: { kind: 'int', toInput: byId },
    scope: { option: 'account', field: 'accountId', kind: 'int', required: false },
    columns: ['id', 'name', 'sortOrder'],
    operations: {
      list: op<RouterInputs['rpdb']['profile']['list']>((c, i) => c.rpdb.profile.list.query(i)),
      get: op<RouterInputs['rpdb']['profile']['get']>((c, i) => c.rpdb.profile.get.query(i)),
      create: op<RouterInputs['rpdb']['profile']['create']>((c, i) => c.rpdb.profile.create.mutate(i)),
      update: op<RouterInputs['rpdb']['profile']['update']>((c, i) => c.rpdb.profile.update.mutate(i)),
      delete: op<RouterInputs['rpdb']['profile']['delete']>((c, i) => c.rpdb.profile.delete.mutate(i)),
    },
  },
  {
    path: 'rpdb key',
    label: 'RPdb API key',
    id: { kind: 'int', toInput: byId },
    scope: { option: 'account', field: 'accountId', kind: 'int', required: true },
    columns: ['id', 'name', 'prefix', 'privilegedUntil', 'revokedAt'],
    operations: {
      list: op<RouterInputs['rpdb']['apiKey']['list']>((c, i) => c.rpdb.apiKey.list.query(i)),
      create: op<RouterInputs['rpdb']['apiKey']['create']>((c, i) => c.rpdb.apiKey.create.mutate(i)),
      // An API key's only editable part is its rights; "delete" revokes it (RPdb keeps revoked keys listed).
      update: op<RouterInputs['rpdb']['apiKey']['setRights']>((c, { accountId: _, ...i }: Input & { accountId?: unknown }) =>
        c.rpdb.apiKey.setRights.mutate(i as RouterInputs['rpdb']['apiKey']['setRights']),
      ),
      delete: op<RouterInputs['rpdb']['apiKey']['revoke']>((c, { accountId: _, ...i }: Input & { accountId?: unknown }) =>
        c.rpdb.apiKey.revoke.mutate(i as RouterInputs['rpdb']['apiKey']['revoke']),
      ),
    },
  },
  {
    path: 'flexcare profile',
    label: 'FlexCare profile',
    id: { kind: 'text', toInput: byId },
    columns: ['id', 'name', 'customerId', 'mdmKey'],
    operations: {
      list: op<RouterInputs['flexcare']['profile']['list']>((c, i) => c.flexcare.profile.list.query(i)),
      get: op<RouterInputs['flexcare']['profile']['get']>((c, i) => c.flexcare.profile.get.query(i)),
      create: op<RouterInputs['flexcare']['profile']['create']>((c, i) => c.flexcare.profile.create.mutate(i)),
      update: op<RouterInputs['flexcare']['profile']['update']>((c, i) => c.flexcare.profile.update.mutate(i)),
      delete: op<RouterInputs['flexcare']['profile']['delete']>((c, i) => c.flexcare.profile.delete.mutate(i)),
    },
  },
  {
    path: 'appgate client-profile',
    label: 'Appgate client profile',
    id: { kind: 'text', toInput: byId },
    columns: ['id', 'name', 'type', 'identityProviderName', 'spaMode'],
    operations: {
      list: op<RouterInputs['appgate']['clientProfile']['list']>((c, i) => c.appgate.clientProfile.list.query(i)),
      get: op<RouterInputs['appgate']['clientProfile']['get']>((c, i) => c.appgate.clientProfile.get.query(i)),
      create: op<RouterInputs['appgate']['clientProfile']['create']>((c, i) => c.appgate.clientProfile.create.mutate(i)),
      update: op<RouterInputs['appgate']['clientProfile']['update']>((c, i) => c.appgate.clientProfile.update.mutate(i)),
      delete: op<RouterInputs['appgate']['clientProfile']['delete']>((c, i) => c.appgate.clientProfile.delete.mutate(i)),
    },
  },
  {
    path: 'twon directory',
    label: '2N directory',
    id: { kind: 'uuid', toInput: byId },
    columns: ['id', 'name', 'model', 'capacity', 'authMode', 'series'],
    operations: {
      list: op<void>((c) => c.twoN.directory.list.query()),
      get: op<RouterInputs['twoN']['directory']['get']>((c, i) => c.twoN.directory.get.query(i)),
      create: op<RouterInputs['twoN']['directory']['create']>((c, i) => c.twoN.directory.create.mutate(i)),
      update: op<RouterInputs['twoN']['directory']['update']>((c, i) => c.twoN.directory.update.mutate(i)),
      delete: op<RouterInputs['twoN']['directory']['delete']>((c, i) => c.twoN.directory.delete.mutate(i)),
    },
  },
  {
    // Entries go through the 2N batch procedures, one entry per call, so the device's rules (and its
    // per-row error codes) apply exactly as on the wire.
    path: 'twon entry',
    label: '2N directory entry',
    id: { kind: 'text', toInput: (uuid) => ({ uuid }) },
    scope: { option: 'directory', field: 'directoryId', kind: 'uuid', required: true },
    columns: ['uuid', 'name', 'email', 'owner', 'timestamp', 'deleted'],
    operations: {
      list: op<RouterInputs['twoN']['dir']['list']>((c, i) => c.twoN.dir.list.query(i)),
      get: op<{ directoryId: string; uuid: string }>(async (c, { directoryId, uuid }) =>
        single(await c.twoN.dir.get.query({ directoryId, users: [{ uuid }] }), uuid),
      ),
      create: op<{ directoryId: string } & Input>(async (c, { directoryId, ...entry }) =>
        single(await c.twoN.dir.create.mutate({ directoryId, users: [entry] }), entry.uuid),
      ),
      update: op<{ directoryId: string } & Input>(async (c, { directoryId, ...entry }) =>
        single(await c.twoN.dir.update.mutate({ directoryId, users: [entry] }), entry.uuid),
      ),
      delete: op<{ directoryId: string; uuid: string }>(async (c, { directoryId, uuid }) =>
        single(await c.twoN.dir.delete.mutate({ directoryId, users: [{ uuid }] }), uuid),
      ),
    },
  },
  {
    path: 'soajs tenant',
    label: 'SOAJS tenant',
    id: { kind: 'text', toInput: byId },
    columns: ['id', 'code', 'name', 'locked'],
    operations: {
      list: op<void>((c) => c.soajs.tenant.list.query()),
      create: op<RouterInputs['soajs']['tenant']['create']>((c, i) => c.soajs.tenant.create.mutate(i)),
      update: op<RouterInputs['soajs']['tenant']['update']>((c, i) => c.soajs.tenant.update.mutate(i)),
    },
  },
  {
    // URAC users of the root tenant, or of --tenant ID. `update` is URAC's edit: the whole record.
    path: 'soajs user',
    label: 'SOAJS user',
    id: { kind: 'text', toInput: (uId) => ({ uId }) },
    scope: { option: 'tenant', field: 'tenantId', kind: 'text', required: false },
    columns: ['_id', 'username', 'firstName', 'lastName', 'email', 'status'],
    operations: {
      list: op<RouterInputs['soajs']['user']['list']>((c, i) => c.soajs.user.list.query(i)),
      get: op<RouterInputs['soajs']['user']['get']>((c, { tenantId: _, ...i }: Input) =>
        c.soajs.user.get.query(i as RouterInputs['soajs']['user']['get']),
      ),
      create: op<RouterInputs['soajs']['user']['add']>((c, i) => c.soajs.user.add.mutate(i)),
      update: op<RouterInputs['soajs']['user']['edit']>((c, i) => c.soajs.user.edit.mutate(i)),
      delete: op<RouterInputs['soajs']['user']['delete']>((c, { tenantId: _, ...i }: Input) =>
        c.soajs.user.delete.mutate(i as RouterInputs['soajs']['user']['delete']),
      ),
    },
  },
];

/** A 2N batch answers per row; a one-row command turns that row's error into the CLI's error. */
function single(result: { users?: unknown[] }, uuid: unknown): unknown {
  const row = result.users?.[0] as { errors?: { code: string; field?: string }[] } | undefined;
  if (row?.errors?.length) {
    const notFound = row.errors.some((e) => e.code === 'ERR_NOT_FOUND' || /not.?found/i.test(e.code));
    const text = row.errors.map((e) => (e.field ? `${e.code} (${e.field})` : e.code)).join(', ');
    throw new CliError(notFound ? ExitCode.notFound : ExitCode.failure, `2N entry ${uuid ?? ''}: ${text}`.replace('  ', ' '));
  }
  return row ?? result;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseId(raw: string, kind: IdKind, what: string): string | number {
  if (kind === 'int') {
    if (!/^[1-9]\d{0,9}$/.test(raw)) throw new CliError(ExitCode.notFound, `no ${what} with id "${raw}" (ids are positive integers)`);
    return Number(raw);
  }
  if (kind === 'uuid' && !uuidPattern.test(raw)) throw new CliError(ExitCode.notFound, `no ${what} with id "${raw}" (ids are UUIDs)`);
  return raw;
}

/** The rows a list answer holds: the answer itself, or its first array (`data`, `items`, `users`). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (result && typeof result === 'object') {
    const array = Object.values(result).find(Array.isArray);
    if (array) return array as Record<string, unknown>[];
  }
  return [];
}

export function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function recordText(record: unknown): string {
  if (!record || typeof record !== 'object') return `${cell(record)}\n`;
  return fields(Object.entries(record as Input).map(([k, v]) => [k, cell(v)]));
}

const verbs: Record<OperationName, { args: boolean; summary: (label: string) => string }> = {
  list: { args: false, summary: (l) => `list ${l}s` },
  get: { args: true, summary: (l) => `show one ${l}` },
  create: { args: false, summary: (l) => `create a ${l} from --input JSON` },
  update: { args: true, summary: (l) => `change a ${l}: --input holds the fields to change` },
  delete: { args: true, summary: (l) => `delete a ${l}` },
};

function resourceCommand(resource: Resource, name: OperationName, operation: Operation): Command {
  const { scope } = resource;
  const scopeUsage = scope ? (scope.required ? ` --${scope.option} ID` : ` [--${scope.option} ID]`) : '';
  const inputUsage = name === 'create' ? ' --input JSON' : name === 'update' ? ' --input JSON' : ' [--input JSON]';
  return {
    path: `${resource.path} ${name}`,
    usage: `${resource.path} ${name}${verbs[name].args ? ' ID' : ''}${scopeUsage}${inputUsage}`,
    summary: verbs[name].summary(resource.label),
    options: { input: { type: 'string' }, ...(scope ? { [scope.option]: { type: 'string' } } : {}) },
    args: verbs[name].args ? [{ name: 'ID', required: true }] : [],
    async run(ctx: CommandContext) {
      const input: Input = await readJsonInput(ctx.values.input as string | undefined, ctx.readStdin);
      if (scope) {
        const raw = ctx.values[scope.option];
        if (typeof raw === 'string') input[scope.field] = parseId(raw, scope.kind, `${scope.option}`);
        else if (scope.required && input[scope.field] === undefined)
          throw new UsageError(`"${resource.path} ${name}" needs --${scope.option} ID`, `usage: profilehub ${this.usage}`);
      }
      if (name === 'create' && ctx.values.input === undefined)
        throw new UsageError(`"${resource.path} create" needs --input JSON`, `usage: profilehub ${this.usage}`);
      let id: string | number | undefined;
      if (verbs[name].args) {
        id = parseId(ctx.args[0]!, resource.id.kind, resource.label);
        Object.assign(input, resource.id.toInput(id));
      }
      const result = await operation(ctx.client(), input).catch((err: unknown) => {
        if ((err as { data?: { code?: string } }).data?.code === 'NOT_FOUND' && id !== undefined)
          throw new CliError(ExitCode.notFound, `no ${resource.label} with id ${id}`);
        throw err;
      });
      if (ctx.jsonOutput) return ctx.out(json(result));
      if (name === 'list') {
        const rows = rowsOf(result);
        if (rows.length === 0) return ctx.out(`no ${resource.label}s\n`);
        return ctx.out(
          table(
            resource.columns.map((c) => ({ header: c, value: (r: Input) => cell(r[c]) })),
            rows,
          ),
        );
      }
      if (name === 'delete') return ctx.out(`deleted ${resource.label} ${id}\n`);
      ctx.out(recordText(result));
    },
  };
}

export const vendorCommands: Command[] = resources.flatMap((resource) =>
  (Object.entries(resource.operations) as [OperationName, Operation][]).map(([name, operation]) =>
    resourceCommand(resource, name, operation),
  ),
);
