import { z } from 'zod';
import { defineRoute, type SurfaceRoute } from '../framework/surface';
import { toWire, UserCreateBody, UserListQuery, WireUserSchema } from './wire';

export const routes: SurfaceRoute[] = [
  // GET /acme/v1/users — the workspace's users, by user name
  defineRoute({
    method: 'GET',
    url: '/acme/v1/users',
    schema: {
      summary: "List the workspace's users",
      query: UserListQuery,
      responses: { 200: { description: 'The users, by user name', body: z.array(WireUserSchema) } },
    },
    async handler({ caller, query }) {
      return (await caller.account.list()).slice(0, query.limit).map(toWire);
    },
  }),
  // POST /acme/v1/users — create a user (201 with a Location header)
  defineRoute({
    method: 'POST',
    url: '/acme/v1/users',
    schema: {
      summary: 'Create a user',
      body: UserCreateBody,
      responses: { 201: { description: 'The new user', body: WireUserSchema } },
    },
    async handler({ caller, reply, body }) {
      const { account } = await caller.account.create({ username: body.user_name, displayName: body.display_name });
      reply.status(201).header('location', `/acme/v1/users/${account.id}`);
      return toWire(account);
    },
  }),
];
