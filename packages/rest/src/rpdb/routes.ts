import type { SurfaceRoute } from '../framework/surface';
import { parseCreateBody, parseFields, parseId, parseIgnoreRights, parseSortBody, parseUpdateBody, toWire } from './wire';

type Query = Record<string, string | string[] | undefined>;

export const routes: SurfaceRoute[] = [
  // GET /profile — profiles visible to the key (ignore_rights, fields[]); 204 with an empty body when none
  {
    method: 'GET',
    url: '/profile',
    async handler({ req, reply, caller }) {
      const query = req.query as Query;
      const fields = parseFields(query);
      const ignoreRights = parseIgnoreRights(query);
      const profiles = await caller.rpdb.profile.list({ ignoreRights });
      if (profiles.length === 0) return reply.status(204).send();
      return profiles.map((p) => toWire(p, fields));
    },
  },
  // PATCH /profile/sort — set sort_order of several profiles at once, all or nothing
  {
    method: 'PATCH',
    url: '/profile/sort',
    async handler({ req, reply, caller }) {
      const items = parseSortBody(req.body);
      const profiles = await caller.rpdb.profile.sort({ items });
      if (profiles.length === 0) return reply.status(204).send();
      return profiles.map((p) => toWire(p));
    },
  },
  // GET /profile/:id — one profile, 404 when hidden from the key unless privileged + ignore_rights
  {
    method: 'GET',
    url: '/profile/:id',
    async handler({ req, caller }) {
      const id = parseId((req.params as { id: string }).id);
      const query = req.query as Query;
      const fields = parseFields(query);
      const ignoreRights = parseIgnoreRights(query);
      return toWire(await caller.rpdb.profile.get({ id, ignoreRights }), fields);
    },
  },
  // POST /profile — create a profile (201)
  {
    method: 'POST',
    url: '/profile',
    async handler({ req, reply, caller }) {
      const input = parseCreateBody(req.body);
      const profile = await caller.rpdb.profile.create(input);
      reply.status(201);
      return toWire(profile);
    },
  },
  // PUT /profile/:id — update a profile (privileged keys only)
  {
    method: 'PUT',
    url: '/profile/:id',
    async handler({ req, caller }) {
      const id = parseId((req.params as { id: string }).id);
      const input = parseUpdateBody(req.body);
      return toWire(await caller.rpdb.profile.update({ id, ...input }));
    },
  },
  // DELETE /profile/:id — delete a profile; answers the deleted profile
  {
    method: 'DELETE',
    url: '/profile/:id',
    async handler({ req, caller }) {
      const id = parseId((req.params as { id: string }).id);
      return toWire(await caller.rpdb.profile.delete({ id }));
    },
  },
];
