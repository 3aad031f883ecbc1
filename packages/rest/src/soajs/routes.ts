import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Caller, SurfaceRoute } from '../framework/surface';
import { apis } from './apis';
import { type ApiSpec, mapFormatAndValidate, type SoajsSources } from './imfv';

/** The request as URAC's input mapping sees it (the gateway's access_token is not a service input). */
function sources(req: FastifyRequest): SoajsSources {
  const { access_token: _token, ...query } = (req.query ?? {}) as Record<string, unknown>;
  const type = String(req.headers['content-type'] ?? '');
  return { query, body: req.body ?? {}, json: type.includes('application/json') };
}

const ok = (data: unknown) => ({ result: true, data });

/**
 * One URAC API: the gateway's input rules (172/173) turn the request into the procedure's typed input,
 * which every value those rules accept also meets.
 */
function route<S extends z.ZodType>(
  method: SurfaceRoute['method'],
  url: string,
  api: { params: ApiSpec; input: S },
  call: (caller: Caller, input: z.output<S>) => Promise<unknown>,
): SurfaceRoute {
  return {
    method,
    url,
    handler: async ({ req, caller }) => ok(await call(caller, api.input.parse(mapFormatAndValidate(api.params, sources(req))))),
  };
}

export const routes: SurfaceRoute[] = [
  // GET /urac/admin/getUser — one user by uId, pins masked
  route('GET', '/urac/admin/getUser', apis.getUser, (caller, input) => caller.soajs.user.get(input)),
  // GET /urac/admin/listUsers — users page (start, limit ≤ 2000, keywords, config)
  route('GET', '/urac/admin/listUsers', apis.listUsers, (caller, input) => caller.soajs.user.list(input)),
  // POST /urac/admin/listUsers/uId — users by ids (invalid ids skipped)
  route('POST', '/urac/admin/listUsers/uId', apis.listUsersById, (caller, input) => caller.soajs.user.listById(input)),
  // GET /urac/admin/users/count — number of the calling tenant's users
  route('GET', '/urac/admin/users/count', apis.countUsers, (caller, input) => caller.soajs.user.count(input)),
  // GET /urac/admin/changeUserStatus — set a user's status to active or inactive
  route('GET', '/urac/admin/changeUserStatus', apis.changeUserStatus, (caller, input) => caller.soajs.user.changeStatus(input)),
  // POST /urac/admin/addUser — create a user in the calling tenant
  route('POST', '/urac/admin/addUser', apis.addUser, (caller, input) => caller.soajs.user.add(input)),
  // POST /urac/admin/editUser — update a user record
  route('POST', '/urac/admin/editUser', apis.editUser, (caller, input) => caller.soajs.user.edit(input)),
  // POST /urac/admin/editUserConfig — replace a user's packages / keys / allowedTenants
  route('POST', '/urac/admin/editUserConfig', apis.editUserConfig, (caller, input) => caller.soajs.user.editConfig(input)),
  // DELETE /urac/admin/user/delete — delete a user
  route('DELETE', '/urac/admin/user/delete', apis.deleteUser, (caller, input) => caller.soajs.user.delete(input)),
  // GET /urac/admin/group/list — the calling tenant's groups
  route('GET', '/urac/admin/group/list', apis.listGroups, (caller, input) => caller.soajs.group.list(input)),
  // GET /urac/admin/group — one group by id
  route('GET', '/urac/admin/group', apis.getGroup, (caller, input) => caller.soajs.group.get(input)),
  // POST /urac/admin/group/add — create a group in the calling tenant
  route('POST', '/urac/admin/group/add', apis.addGroup, (caller, input) => caller.soajs.group.add(input)),
  // POST /urac/admin/group/edit — update a group's name, description, config
  route('POST', '/urac/admin/group/edit', apis.editGroup, (caller, input) => caller.soajs.group.edit(input)),
  // DELETE /urac/admin/group/delete — delete a group and remove it from its tenant's users
  route('DELETE', '/urac/admin/group/delete', apis.deleteGroup, (caller, input) => caller.soajs.group.delete(input)),
];
