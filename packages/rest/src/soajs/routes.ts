import { soajsContract as contract } from '@profilehub/api';
import { type ZodType, z } from 'zod';
import { type Caller, defineRoute, type SurfaceRoute } from '../framework/surface';
import { apis } from './apis';
import { SoajsErrorSchema } from './envelope';
import { urac } from './schemas';

type Api = (typeof apis)[keyof typeof apis];

/** URAC answers its own refusals (172/173, 4xx codes) with HTTP 200 too: `result` tells them apart. */
const answer = (description: string, data: ZodType) => ({
  200: {
    description: `${description}; or a refusal (\`result: false\`), which URAC also answers with HTTP 200`,
    body: z.union([z.object({ result: z.literal(true), data }), SoajsErrorSchema]),
  },
});

/**
 * One URAC API: the framework checks query and body with the gateway's input rules for it (172/173), and
 * the procedure gets the mapped parameters as its typed input.
 */
function route<I extends ZodType>(
  method: SurfaceRoute['method'],
  url: string,
  summary: string,
  api: Api & { input: I },
  data: ZodType,
  call: (caller: Caller, input: z.output<I>) => Promise<unknown>,
): SurfaceRoute {
  const parts = urac(api.params);
  return defineRoute({
    method,
    url,
    schema: { summary, query: parts.query, body: parts.body, responses: answer(summary, data) },
    handler: async ({ caller, query, body }) => ({ result: true, data: await call(caller, api.input.parse(parts.input({ query, body }))) }),
  });
}

const { SoajsUserRecord: User, SoajsGroupRecord: Group, SoajsTrue: True } = contract;

export const routes: SurfaceRoute[] = [
  // GET /urac/admin/getUser — one user by uId, pins masked
  route('GET', '/urac/admin/getUser', 'One user by uId (pins masked)', apis.getUser, User, (c, input) => c.soajs.user.get(input)),
  // GET /urac/admin/listUsers — users page (start, limit ≤ 2000, keywords, config)
  route(
    'GET',
    '/urac/admin/listUsers',
    'A page of users (start, limit ≤ 2000, keywords, config)',
    apis.listUsers,
    z.array(User),
    (c, input) => c.soajs.user.list(input),
  ),
  // POST /urac/admin/listUsers/uId — users by ids (invalid ids skipped)
  route('POST', '/urac/admin/listUsers/uId', 'Users by ids (invalid ids skipped)', apis.listUsersById, z.array(User), (c, input) =>
    c.soajs.user.listById(input),
  ),
  // GET /urac/admin/users/count — number of the calling tenant's users
  route('GET', '/urac/admin/users/count', "Number of the calling tenant's users", apis.countUsers, contract.SoajsCount, (c, input) =>
    c.soajs.user.count(input),
  ),
  // GET /urac/admin/changeUserStatus — set a user's status to active or inactive
  route('GET', '/urac/admin/changeUserStatus', "Set a user's status to active or inactive", apis.changeUserStatus, True, (c, input) =>
    c.soajs.user.changeStatus(input),
  ),
  // POST /urac/admin/addUser — create a user in the calling tenant
  route('POST', '/urac/admin/addUser', 'Create a user in the calling tenant', apis.addUser, contract.SoajsAddUserOutput, (c, input) =>
    c.soajs.user.add(input),
  ),
  // POST /urac/admin/editUser — update a user record
  route('POST', '/urac/admin/editUser', 'Update a user record', apis.editUser, True, (c, input) => c.soajs.user.edit(input)),
  // POST /urac/admin/editUserConfig — replace a user's packages / keys / allowedTenants
  route('POST', '/urac/admin/editUserConfig', "Replace a user's packages, keys and allowedTenants", apis.editUserConfig, True, (c, input) =>
    c.soajs.user.editConfig(input),
  ),
  // DELETE /urac/admin/user/delete — delete a user
  route('DELETE', '/urac/admin/user/delete', 'Delete a user', apis.deleteUser, True, (c, input) => c.soajs.user.delete(input)),
  // GET /urac/admin/group/list — the calling tenant's groups
  route('GET', '/urac/admin/group/list', "The calling tenant's groups", apis.listGroups, z.array(Group), (c, input) =>
    c.soajs.group.list(input),
  ),
  // GET /urac/admin/group — one group by id
  route('GET', '/urac/admin/group', 'One group by id', apis.getGroup, Group, (c, input) => c.soajs.group.get(input)),
  // POST /urac/admin/group/add — create a group in the calling tenant
  route('POST', '/urac/admin/group/add', 'Create a group in the calling tenant', apis.addGroup, Group, (c, input) =>
    c.soajs.group.add(input),
  ),
  // POST /urac/admin/group/edit — update a group's name, description, config
  route('POST', '/urac/admin/group/edit', "Update a group's name, description and config", apis.editGroup, True, (c, input) =>
    c.soajs.group.edit(input),
  ),
  // DELETE /urac/admin/group/delete — delete a group and remove it from its tenant's users
  route('DELETE', '/urac/admin/group/delete', "Delete a group and remove it from its tenant's users", apis.deleteGroup, True, (c, input) =>
    c.soajs.group.delete(input),
  ),
];
