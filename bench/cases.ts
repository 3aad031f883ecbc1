// The benchmark's cases: for each vendor surface and tRPC, a GET-by-id, a list page and a create, sent the way
// the vendor's own clients send them, with the demo workspace's credentials. Each case names the raw query the
// baseline runs for it (the same row or rows of the same database).
import type { RequestSpec } from './lib/wrk';

export type Kind = 'get' | 'list' | 'create';
export type BaselineQuery = { text: string; params: (string | number)[]; counter?: boolean };
export type Case = { surface: string; kind: Kind; label: string; request: RequestSpec; baseline?: BaselineQuery };

type Demo = {
  api: { token: string };
  rpdb: { apiKey: string };
  flexcare: { admin: { username: string; password: string } };
  appgate: { admin: { username: string; password: string } };
  twoN: { username: string; password: string };
  soajs: { key: string; accessToken: string; userId: string };
};

async function json<T>(base: string, spec: RequestSpec): Promise<T> {
  const res = await fetch(base + spec.path, { method: spec.method, headers: spec.headers, body: spec.body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${spec.method} ${spec.path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const baselineGet = (table: string, where: string, params: (string | number)[]): BaselineQuery => ({
  text: `select * from ${table} where ${where}`,
  params,
});
const baselineList = (table: string, workspaceId: string): BaselineQuery => ({
  text: `select * from ${table} where workspace_id = $1 limit 50`,
  params: [workspaceId],
});
// Creates are compared with one raw INSERT … RETURNING of a comparable row into a bench-owned table.
const baselineCreate: BaselineQuery = {
  text: 'insert into bench_baseline_rows (name, data) values ($1, $2) returning *',
  params: ['{{n}}', '{"kind":"bench"}'],
  counter: true,
};

/** Logs in where a surface needs a session and finds the ids every case reads. */
export async function buildCases(base: string, demo: Demo, workspaceId: string): Promise<Case[]> {
  const cases: Case[] = [];

  // RPdb: X-Api-Key, as the official Go client sends it.
  {
    const headers = { 'x-api-key': demo.rpdb.apiKey, 'content-type': 'application/json;charset=UTF-8' };
    const list = await json<{ id: number }[]>(base, { method: 'GET', path: '/profile', headers });
    const id = list[0]!.id;
    cases.push(
      {
        surface: 'RPdb',
        kind: 'get',
        label: 'GET /profile/{id}',
        request: { method: 'GET', path: `/profile/${id}`, headers },
        baseline: baselineGet('rpdb_profiles', 'workspace_id = $1 and id = $2', [workspaceId, id]),
      },
      {
        surface: 'RPdb',
        kind: 'list',
        label: 'GET /profile',
        request: { method: 'GET', path: '/profile', headers },
        baseline: baselineList('rpdb_profiles', workspaceId),
      },
      {
        surface: 'RPdb',
        kind: 'create',
        label: 'POST /profile',
        request: { method: 'POST', path: '/profile', headers, body: '{"name":"{{n}}","attributes":[]}' },
        baseline: baselineCreate,
      },
    );
  }

  // FlexCare: a persistent login token as Bearer.
  {
    const { token } = await json<{ token: string }>(base, {
      method: 'POST',
      path: '/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...demo.flexcare.admin, persist: true }),
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const page = await json<{ items: { _id: string }[] }>(base, { method: 'GET', path: '/flexcare/dialog/profile', headers });
    const first = page.items[0]!;
    const { customer } = await json<{ customer: string }>(base, { method: 'GET', path: `/flexcare/dialog/profile/${first._id}`, headers });
    cases.push(
      {
        surface: 'FlexCare',
        kind: 'get',
        label: 'GET /flexcare/dialog/profile/{id}',
        request: { method: 'GET', path: `/flexcare/dialog/profile/${first._id}`, headers },
        baseline: baselineGet('flexcare_profiles', 'workspace_id = $1 and id = $2', [workspaceId, first._id]),
      },
      {
        surface: 'FlexCare',
        kind: 'list',
        label: 'GET /flexcare/dialog/profile',
        request: { method: 'GET', path: '/flexcare/dialog/profile', headers },
        baseline: baselineList('flexcare_profiles', workspaceId),
      },
      {
        surface: 'FlexCare',
        kind: 'create',
        label: 'POST /flexcare/dialog/profile',
        request: { method: 'POST', path: '/flexcare/dialog/profile', headers, body: `{"name":"{{n}}","customer":"${customer}"}` },
        baseline: baselineCreate,
      },
    );
  }

  // Appgate: the controller's login token as Bearer, with the peer-version Accept header sdpctl sends.
  {
    const accept = 'application/vnd.appgate.peer-v22+json';
    const { token } = await json<{ token: string }>(base, {
      method: 'POST',
      path: '/admin/login',
      headers: { accept, 'content-type': 'application/json' },
      body: JSON.stringify({ providerName: 'local', deviceId: '4c07bc67-57ea-42dd-b702-c2d6c45419fc', ...demo.appgate.admin }),
    });
    const headers = { authorization: `Bearer ${token}`, accept, 'content-type': 'application/json' };
    const list = await json<{ data: { id: string }[] }>(base, { method: 'GET', path: '/admin/client-profiles', headers });
    const id = list.data[0]!.id;
    cases.push(
      {
        surface: 'Appgate',
        kind: 'get',
        label: 'GET /admin/client-profiles/{id}',
        request: { method: 'GET', path: `/admin/client-profiles/${id}`, headers },
        baseline: baselineGet('appgate_client_profiles', 'workspace_id = $1 and id = $2', [workspaceId, id]),
      },
      {
        surface: 'Appgate',
        kind: 'list',
        label: 'GET /admin/client-profiles',
        request: { method: 'GET', path: '/admin/client-profiles', headers },
        baseline: baselineList('appgate_client_profiles', workspaceId),
      },
      {
        surface: 'Appgate',
        kind: 'create',
        label: 'POST /admin/client-profiles',
        request: { method: 'POST', path: '/admin/client-profiles', headers, body: '{"name":"{{n}}","identityProviderName":"local"}' },
        baseline: baselineCreate,
      },
    );
  }

  // 2N: Basic (preemptive), as the device API allows.
  {
    const basic = Buffer.from(`${demo.twoN.username}:${demo.twoN.password}`).toString('base64');
    const headers = { authorization: `Basic ${basic}`, 'content-type': 'application/json' };
    const query = await json<{ result: { users: { uuid: string }[] } }>(base, {
      method: 'POST',
      path: '/api/dir/query',
      headers,
      body: '{}',
    });
    const uuid = query.result.users[0]!.uuid;
    cases.push(
      {
        surface: '2N',
        kind: 'get',
        label: 'POST /api/dir/get (one uuid)',
        request: { method: 'POST', path: '/api/dir/get', headers, body: JSON.stringify({ users: [{ uuid }] }) },
        baseline: baselineGet('twon_entries', 'workspace_id = $1 and uuid = $2', [workspaceId, uuid]),
      },
      {
        surface: '2N',
        kind: 'list',
        label: 'POST /api/dir/query',
        request: { method: 'POST', path: '/api/dir/query', headers, body: '{}' },
        baseline: baselineList('twon_entries', workspaceId),
      },
      {
        surface: '2N',
        kind: 'create',
        label: 'PUT /api/dir/create (one entry)',
        request: { method: 'PUT', path: '/api/dir/create', headers, body: '{"users":[{"name":"{{n}}"}]}' },
        baseline: baselineCreate,
      },
    );
  }

  // SOAJS: tenant key header plus access_token query parameter, the gateway convention.
  {
    const headers = { key: demo.soajs.key, 'content-type': 'application/json' };
    const q = `access_token=${encodeURIComponent(demo.soajs.accessToken)}`;
    const uId = demo.soajs.userId;
    cases.push(
      {
        surface: 'SOAJS',
        kind: 'get',
        label: 'GET /urac/admin/getUser',
        request: { method: 'GET', path: `/urac/admin/getUser?uId=${uId}&${q}`, headers },
        baseline: baselineGet('soajs_users', 'workspace_id = $1 and id = $2', [workspaceId, uId]),
      },
      {
        surface: 'SOAJS',
        kind: 'list',
        label: 'GET /urac/admin/listUsers',
        request: { method: 'GET', path: `/urac/admin/listUsers?${q}`, headers },
        baseline: baselineList('soajs_users', workspaceId),
      },
      {
        surface: 'SOAJS',
        kind: 'create',
        label: 'POST /urac/admin/addUser',
        request: {
          method: 'POST',
          path: `/urac/admin/addUser?${q}`,
          headers,
          body: '{"username":"{{n}}","firstName":"Bench","lastName":"User","email":"{{n}}@bench.example"}',
        },
        baseline: baselineCreate,
      },
    );
  }

  // tRPC over HTTP with the demo API token (superjson wire format).
  {
    const headers = { authorization: `Bearer ${demo.api.token}`, 'content-type': 'application/json' };
    const input = (v: unknown) => encodeURIComponent(JSON.stringify({ json: v }));
    const accounts = await json<{ result: { data: { json: { id: number }[] } } }>(base, {
      method: 'GET',
      path: '/trpc/rpdb.account.list',
      headers,
    });
    const accountId = accounts.result.data.json[0]!.id;
    const profiles = await json<{ result: { data: { json: { id: number }[] } } }>(base, {
      method: 'GET',
      path: `/trpc/rpdb.profile.list?input=${input({ accountId })}`,
      headers,
    });
    const id = profiles.result.data.json[0]!.id;
    cases.push(
      {
        surface: 'tRPC',
        kind: 'get',
        label: 'GET /trpc/rpdb.profile.get',
        request: { method: 'GET', path: `/trpc/rpdb.profile.get?input=${input({ accountId, id })}`, headers },
        baseline: baselineGet('rpdb_profiles', 'workspace_id = $1 and id = $2', [workspaceId, id]),
      },
      {
        surface: 'tRPC',
        kind: 'list',
        // A page of 50 as a client (the admin UI) asks for it, like the baseline's `limit 50`; `list` answers
        // every profile of the account, which by then includes the thousands the REST create case made.
        label: 'GET /trpc/rpdb.profile.page (50)',
        request: { method: 'GET', path: `/trpc/rpdb.profile.page?input=${input({ accountId, limit: 50 })}`, headers },
        baseline: baselineList('rpdb_profiles', workspaceId),
      },
      {
        surface: 'tRPC',
        kind: 'create',
        label: 'POST /trpc/rpdb.profile.create',
        request: { method: 'POST', path: '/trpc/rpdb.profile.create', headers, body: `{"json":{"accountId":${accountId},"name":"{{n}}"}}` },
        baseline: baselineCreate,
      },
    );
  }

  cases.push({ surface: 'server', kind: 'get', label: 'GET /healthz (no database)', request: { method: 'GET', path: '/healthz' } });
  return cases;
}
