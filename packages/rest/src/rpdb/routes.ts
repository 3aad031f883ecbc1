import type { SurfaceRoute } from '../framework/surface';
import {
  attributeToWire,
  parseCreateBody,
  parseFields,
  parseId,
  parseIgnoreRights,
  parseNameFilter,
  parseSortBody,
  parseUpdateBody,
  toWire,
} from './wire';

type Query = Record<string, string | string[] | undefined>;

export const routes: SurfaceRoute[] = [
  // GET /attribute — attributes the key has a right on (204 when none); `?name=` filters by exact name and
  // always answers an array (the official client decodes one and wants exactly one element)
  {
    method: 'GET',
    url: '/attribute',
    async handler({ req, reply, caller }) {
      const name = parseNameFilter(req.query as Query);
      const attributes = await caller.rpdb.attribute.listVisible({ name });
      if (attributes.length === 0 && name === undefined) return reply.status(204).send();
      return attributes.map(attributeToWire);
    },
  },
  // GET /attribute/:id — one attribute; 404 ATTRIBUTE_NOT_FOUND when unknown or the key has no right on it
  {
    method: 'GET',
    url: '/attribute/:id',
    async handler({ req, caller }) {
      const id = parseId((req.params as { id: string }).id, 'attribute');
      return attributeToWire(await caller.rpdb.attribute.getVisible({ id }));
    },
  },
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
