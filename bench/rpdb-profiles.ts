// RPdb profile benchmark over real HTTP: GET /profile (the visibility rule evaluated per profile against the
// key's rights and the attributes' defaults) and a 1,000-item PATCH /profile/sort (one set-based UPDATE).
//
//   node --import tsx bench/rpdb-profiles.ts                 # PGlite in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/rpdb-profiles.ts
import { configureServerSecret, createCaller, createWorkspaceWithOwner } from '@profilehub/api';
import { createTestDb } from '@profilehub/db/testing';
import { vendorSurfaces } from '@profilehub/rest';
import { buildServer } from '@profilehub/server';

const PROFILES = Number(process.env.BENCH_PROFILES ?? 1000);
const ATTRIBUTES = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
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
    surfaces: [vendorSurfaces.rpdb],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const ctx = await createWorkspaceWithOwner(handle.db, {
      slug: 'bench',
      name: 'bench',
      username: 'owner',
      password: 'bench-password-123',
    });
    const caller = createCaller(ctx);
    const { account } = await caller.rpdb.account.create({ name: 'bench', password: 'bench-password-123' });
    const attrs: number[] = [];
    for (let i = 0; i < ATTRIBUTES; i++) attrs.push((await caller.rpdb.attribute.create({ accountId: account.id, name: `a${i}` })).id);
    for (let i = 0; i < PROFILES; i++) {
      await caller.rpdb.profile.create({
        accountId: account.id,
        name: `p${i}`,
        sortOrder: i % 7,
        attributes: [attrs[i % ATTRIBUTES]!, attrs[(i * 7 + 3) % ATTRIBUTES]!, attrs[(i * 13 + 5) % ATTRIBUTES]!].filter(
          (v, j, a) => a.indexOf(v) === j,
        ),
      });
    }
    // `none` on half the attributes: the list has to evaluate the rule, and hides some profiles.
    const { key } = await caller.rpdb.apiKey.create({
      accountId: account.id,
      name: 'limited',
      rights: attrs.slice(0, ATTRIBUTES / 2).map((attributeId) => ({ attributeId, right: 'none' as const })),
    });
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };

    const listTimes: number[] = [];
    let visible = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      const res = await fetch(`${base}/profile`, { headers });
      const body = (await res.json()) as { id: number }[];
      listTimes.push(performance.now() - t);
      visible = body.length;
    }
    const { key: fullKey } = await caller.rpdb.apiKey.create({ accountId: account.id, name: 'full' });
    const all = (await (await fetch(`${base}/profile`, { headers: { 'x-api-key': fullKey } })).json()) as { id: number }[];
    const sortTimes: number[] = [];
    for (let r = 0; r < Math.min(ROUNDS, 5); r++) {
      const items = all.map((p, i) => ({ id: p.id, sort_order: (i * 31 + r) % all.length }));
      const t = performance.now();
      const res = await fetch(`${base}/profile/sort`, {
        method: 'PATCH',
        headers: { ...headers, 'x-api-key': fullKey },
        body: JSON.stringify(items),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`sort answered ${res.status}`);
      sortTimes.push(performance.now() - t);
    }
    console.log(`driver ${handle.driver}: ${PROFILES} profiles, ${ATTRIBUTES} attributes`);
    console.log(`GET /profile (limited key, ${visible} visible): median ${median(listTimes).toFixed(1)} ms over ${ROUNDS} requests`);
    console.log(`PATCH /profile/sort (${all.length} items): median ${median(sortTimes).toFixed(1)} ms over ${sortTimes.length} requests`);
  } finally {
    await app.close();
    await handle.close();
  }
}

await main();
