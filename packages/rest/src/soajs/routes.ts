import type { FastifyRequest } from 'fastify';
import type { RouteContext, SurfaceRoute } from '../framework/surface';

type Input = { query: Record<string, unknown>; body: unknown; json: boolean };

/** The request as URAC's input mapping sees it (the gateway's access_token is not a service input). */
function request(req: FastifyRequest): Input {
  const { access_token: _token, ...query } = (req.query ?? {}) as Record<string, unknown>;
  const type = String(req.headers['content-type'] ?? '');
  return { query, body: req.body ?? {}, json: type.includes('application/json') };
}

const ok = (data: unknown) => ({ result: true, data });

function route(method: SurfaceRoute['method'], url: string, call: (c: RouteContext, input: Input) => Promise<unknown>): SurfaceRoute {
  return { method, url, handler: async (c) => ok(await call(c, request(c.req))) };
}

export const routes: SurfaceRoute[] = [
  // GET /urac/admin/getUser — one user by uId, pins masked
  route('GET', '/urac/admin/getUser', ({ caller }, input) => caller.soajs.user.get(input)),
  // GET /urac/admin/listUsers — users page (start, limit ≤ 2000, keywords, config)
  route('GET', '/urac/admin/listUsers', ({ caller }, input) => caller.soajs.user.list(input)),
  // POST /urac/admin/listUsers/uId — users by ids (invalid ids skipped)
  route('POST', '/urac/admin/listUsers/uId', ({ caller }, input) => caller.soajs.user.listById(input)),
  // GET /urac/admin/users/count — number of the calling tenant's users
  route('GET', '/urac/admin/users/count', ({ caller }, input) => caller.soajs.user.count(input)),
  // GET /urac/admin/changeUserStatus — set a user's status to active or inactive
  route('GET', '/urac/admin/changeUserStatus', ({ caller }, input) => caller.soajs.user.changeStatus(input)),
  // POST /urac/admin/addUser — create a user in the calling tenant
  route('POST', '/urac/admin/addUser', ({ caller }, input) => caller.soajs.user.add(input)),
  // POST /urac/admin/editUser — update a user record
  route('POST', '/urac/admin/editUser', ({ caller }, input) => caller.soajs.user.edit(input)),
  // POST /urac/admin/editUserConfig — replace a user's packages / keys / allowedTenants
  route('POST', '/urac/admin/editUserConfig', ({ caller }, input) => caller.soajs.user.editConfig(input)),
  // DELETE /urac/admin/user/delete — delete a user
  route('DELETE', '/urac/admin/user/delete', ({ caller }, input) => caller.soajs.user.delete(input)),
  // GET /urac/admin/group/list — the calling tenant's groups
  route('GET', '/urac/admin/group/list', ({ caller }, input) => caller.soajs.group.list(input)),
  // GET /urac/admin/group — one group by id
  route('GET', '/urac/admin/group', ({ caller }, input) => caller.soajs.group.get(input)),
  // POST /urac/admin/group/add — create a group in the calling tenant
  route('POST', '/urac/admin/group/add', ({ caller }, input) => caller.soajs.group.add(input)),
  // POST /urac/admin/group/edit — update a group's name, description, config
  route('POST', '/urac/admin/group/edit', ({ caller }, input) => caller.soajs.group.edit(input)),
  // DELETE /urac/admin/group/delete — delete a group and remove it from its tenant's users
  route('DELETE', '/urac/admin/group/delete', ({ caller }, input) => caller.soajs.group.delete(input)),
];
