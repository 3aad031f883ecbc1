// 2N batch update benchmark: a 10,000-entry PUT /api/dir/update through the REST surface (HTTP, auth, JSON,
// per-entry validation and merge, the set-based write, audit, response) against the same rows written by
// one raw `UPDATE … FROM unnest(…)`, in the same run; 1,000 and 50,000 entries show how the cost grows.
//
//   node --import tsx bench/twon-update.ts                 # PGlite in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/twon-update.ts
import { createHash, randomBytes } from 'node:crypto';
import { configureServerSecret, createCaller, createWorkspaceWithOwner } from '@profilehub/api';
import { createTestDb } from '@profilehub/db/testing';
import { vendorSurfaces } from '@profilehub/rest';
import { buildServer } from '@profilehub/server';
import { sql } from 'drizzle-orm';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// The baseline passes its columns the way the service does (one parameter per column), written out here so
// the bench measures the service against plain SQL rather than against its own helpers.
const textArray = (values: readonly (string | number)[]) => `{${values.map((v) => `"${String(v).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
const jsonbArray = (values: readonly unknown[]) =>
  sql`array(select e.value from jsonb_array_elements(${JSON.stringify(values)}::jsonb) with ordinality as e(value, i) order by e.i)`;

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function uuidOf(i: number) {
  const hex = i.toString(16).toUpperCase().padStart(12, '0');
  return `B0000000-0000-4000-8000-${hex}`;
}

async function main() {
  // The raw baseline writes 50,000 rows in ONE statement; the service chunks its writes and stays inside the
  // default 5 s statement timeout, the baseline is given room.
  process.env.DB_STATEMENT_TIMEOUT_MS ??= '600000';
  process.env.DB_REQUEST_DEADLINE_MS ??= '600000';
  // In process, as the tests do: services need the server secret (main.ts configures it at start).
  configureServerSecret(process.env.PROFILEHUB_SECRET ?? 'profilehub-bench-secret-0123456789abcdef');
  const handle = await createTestDb(process.env.DATABASE_URL);
  const app = await buildServer({
    db: handle,
    env: {
      BODY_LIMIT_BYTES: 1024 * 1024,
      REQUEST_TIMEOUT_MS: 600_000,
      HEADERS_TIMEOUT_MS: 60_000,
      KEEP_ALIVE_TIMEOUT_MS: 5_000,
      LOG_LEVEL: 'silent',
      REST_PREFIX: '',
      COOKIE_SECURE: false,
    },
    surfaces: [vendorSurfaces.twoN],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;
  const ctx = await createWorkspaceWithOwner(handle.db, {
    slug: `bench-${randomBytes(3).toString('hex')}`,
    name: 'bench',
    username: 'owner',
    password: 'bench-password-1',
  });
  const caller = createCaller(ctx);

  // Digest, as 2N's own clients authenticate: one challenge, then the nonce is reused.
  async function digestHeader(username: string, password: string, method: string, path: string) {
    const challenge = await fetch(base + path, { method });
    await challenge.text();
    const nonce = /nonce="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1];
    const ha1 = md5(`${username}:HTTP API:${password}`);
    const cnonce = randomBytes(8).toString('hex');
    const response = md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${md5(`${method}:${path}`)}`);
    return `Digest username="${username}", realm="HTTP API", nonce="${nonce}", uri="${path}", qop=auth, nc=00000001, cnonce="${cnonce}", response="${response}"`;
  }

  const rows: string[] = [];
  console.log(`2N batch update benchmark — ${handle.driver}, best of ${ROUNDS} rounds`);
  for (const n of SIZES) {
    const dir = await caller.twoN.directory.create({
      name: `bench-${n}-${randomBytes(2).toString('hex')}`,
      model: 'verso',
      capacity: Math.max(n, 10_000),
    });
    const username = `bench-${randomBytes(4).toString('hex')}`;
    const password = 'bench-password';
    await caller.twoN.account.create({ directoryId: dir.id, username, password, access: 'readwrite' });

    const createBody = JSON.stringify({
      users: Array.from({ length: n }, (_, i) => ({ uuid: uuidOf(i), name: `Person ${i}`, email: `p${i}@example.com` })),
    });
    const created = await fetch(`${base}/api/dir/create`, {
      method: 'PUT',
      headers: { authorization: await digestHeader(username, password, 'PUT', '/api/dir/create'), 'content-type': 'application/json' },
      body: createBody,
    });
    if (created.status !== 200) throw new Error(`create failed: ${await created.text()}`);
    await created.text();

    let restBest = Number.POSITIVE_INFINITY;
    let rawBest = Number.POSITIVE_INFINITY;
    let bodyBytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const users = Array.from({ length: n }, (_, i) => ({
        uuid: uuidOf(i),
        name: `Person ${i} r${round}`,
        email: `p${i}.r${round}@example.com`,
        access: { pin: String(1000 + (i % 9000)) },
      }));
      const body = JSON.stringify({ users });
      bodyBytes = body.length;
      const auth = await digestHeader(username, password, 'PUT', '/api/dir/update');
      const t0 = performance.now();
      const res = await fetch(`${base}/api/dir/update`, {
        method: 'PUT',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body,
      });
      const json = (await res.json()) as { success: boolean; result: { users: { timestamp?: number }[] } };
      const restMs = performance.now() - t0;
      if (!json.success || json.result.users.length !== n || json.result.users.some((u) => u.timestamp === undefined))
        throw new Error('update failed');
      restBest = Math.min(restBest, restMs);

      // The same rows, already in their final stored form, written by one raw statement (arrays as single
      // parameters, exactly like the service's write) — the floor the REST path is compared against.
      const [sample] = (await caller.twoN.dir.get({ directoryId: dir.id, users: [{ uuid: uuidOf(0) }], fields: [] })).users as Record<
        string,
        unknown
      >[];
      const { uuid: _u, deleted: _d, timestamp: _t, ...template } = sample!;
      const data = users.map((u) =>
        JSON.stringify({ ...template, name: `${u.name}x`, email: u.email, access: { ...(template.access as object), pin: u.access.pin } }),
      );
      const uuids = users.map((u) => u.uuid);
      const names = users.map((u) => `${u.name}x`);
      const ts = users.map((_, i) => 10_000_000 + round * n + i);
      const t1 = performance.now();
      const explain = process.env.BENCH_EXPLAIN === '1' ? sql`explain (analyze, buffers) ` : sql``;
      const plan = await handle.db.execute(sql`${explain}
        update twon_entries as e set name = v.name, data = v.data, ts = v.ts, updated_at = now()
          from unnest(${textArray(uuids)}::text[], ${textArray(names)}::text[], ${jsonbArray(data)}, ${textArray(ts)}::bigint[]) as v(uuid, name, data, ts)
         where e.workspace_id = ${ctx.actor.workspaceId}::uuid and e.directory_id = ${dir.id}::uuid and e.uuid = v.uuid`);
      rawBest = Math.min(rawBest, performance.now() - t1);
      if (process.env.BENCH_EXPLAIN === '1')
        console.log((plan as unknown as Record<string, string>[]).map((r) => Object.values(r)[0]).join('\n'));
    }
    const line = `${String(n).padStart(6)} entries  body ${(bodyBytes / 1024 / 1024).toFixed(1).padStart(5)} MiB  REST ${restBest.toFixed(0).padStart(6)} ms  raw UPDATE…unnest ${rawBest.toFixed(0).padStart(6)} ms  ratio ${(restBest / rawBest).toFixed(2)}×  REST ${((restBest / n) * 1000).toFixed(1)} µs/entry`;
    console.log(line);
    rows.push(line);
  }
  await app.close();
  await handle.close();
}

main().catch((err) => {
  console.error((err as { cause?: unknown }).cause ?? err);
  process.exit(1);
});
