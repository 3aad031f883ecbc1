import { z } from 'zod';
import { defineRoute, type SurfaceRoute } from '../framework/surface';
import {
  AttributeIdParams,
  AttributeQuery,
  attributeToWire,
  ProfileCreateBody,
  ProfileIdParams,
  ProfileQuery,
  ProfileSortBody,
  ProfileUpdateBody,
  toWire,
  WireAttributeSchema,
  WireProfileSchema,
} from './wire';

const Profile = { description: 'The profile', body: WireProfileSchema };
const Profiles = { description: 'The profiles, in sort order', body: z.array(WireProfileSchema) };
const NoProfiles = { description: 'No profile is visible to the key (empty body)', body: null };

export const routes: SurfaceRoute[] = [
  // GET /attribute — attributes the key has a right on (204 when none); `?name=` filters by exact name and
  // always answers an array (the official client decodes one and wants exactly one element)
  defineRoute({
    method: 'GET',
    url: '/attribute',
    schema: {
      summary: 'List the attributes the key has a right on',
      query: AttributeQuery,
      responses: {
        200: { description: 'The attributes, in id order', body: z.array(WireAttributeSchema) },
        204: { description: 'No attribute is visible to the key and no name was given (empty body)', body: null },
      },
    },
    async handler({ reply, caller, query }) {
      const attributes = await caller.rpdb.attribute.listVisible({ name: query.name });
      if (attributes.length === 0 && query.name === undefined) return reply.status(204).send();
      return attributes.map(attributeToWire);
    },
  }),
  // GET /attribute/:id — one attribute; 404 ATTRIBUTE_NOT_FOUND when unknown or the key has no right on it
  defineRoute({
    method: 'GET',
    url: '/attribute/:id',
    schema: {
      summary: 'Get one attribute (404 when the key has no right on it)',
      params: AttributeIdParams,
      responses: { 200: { description: 'The attribute', body: WireAttributeSchema } },
    },
    async handler({ caller, params }) {
      return attributeToWire(await caller.rpdb.attribute.getVisible({ id: params.id }));
    },
  }),
  // GET /profile — profiles visible to the key (ignore_rights, fields[]); 204 with an empty body when none
  defineRoute({
    method: 'GET',
    url: '/profile',
    schema: { summary: 'List the profiles visible to the key', query: ProfileQuery, responses: { 200: Profiles, 204: NoProfiles } },
    async handler({ reply, caller, query }) {
      const profiles = await caller.rpdb.profile.list({ ignoreRights: query.ignoreRights });
      if (profiles.length === 0) return reply.status(204).send();
      return profiles.map((p) => toWire(p, query.fields));
    },
  }),
  // PATCH /profile/sort — set sort_order of several profiles at once, all or nothing
  defineRoute({
    method: 'PATCH',
    url: '/profile/sort',
    schema: {
      summary: 'Set the sort order of several profiles at once (all or nothing)',
      body: ProfileSortBody,
      responses: {
        200: { description: 'The profiles changed', body: z.array(WireProfileSchema) },
        204: { description: 'Nothing to change', body: null },
      },
    },
    async handler({ reply, caller, body }) {
      const profiles = await caller.rpdb.profile.sort({ items: body });
      if (profiles.length === 0) return reply.status(204).send();
      return profiles.map((p) => toWire(p));
    },
  }),
  // GET /profile/:id — one profile, 404 when hidden from the key unless privileged + ignore_rights
  defineRoute({
    method: 'GET',
    url: '/profile/:id',
    schema: {
      summary: 'Get one profile (404 when hidden from the key)',
      params: ProfileIdParams,
      query: ProfileQuery,
      responses: { 200: Profile },
    },
    async handler({ caller, params, query }) {
      return toWire(await caller.rpdb.profile.get({ id: params.id, ignoreRights: query.ignoreRights }), query.fields);
    },
  }),
  // POST /profile — create a profile (201)
  defineRoute({
    method: 'POST',
    url: '/profile',
    schema: {
      summary: 'Create a profile',
      body: ProfileCreateBody,
      responses: { 201: { description: 'The profile created', body: WireProfileSchema } },
    },
    async handler({ reply, caller, body }) {
      const profile = await caller.rpdb.profile.create(body);
      reply.status(201);
      return toWire(profile);
    },
  }),
  // PUT /profile/:id — update a profile (privileged keys only)
  defineRoute({
    method: 'PUT',
    url: '/profile/:id',
    schema: {
      summary: 'Update a profile (privileged keys only; partial)',
      params: ProfileIdParams,
      body: ProfileUpdateBody,
      responses: { 200: Profile },
    },
    async handler({ caller, params, body }) {
      return toWire(await caller.rpdb.profile.update({ id: params.id, ...body }));
    },
  }),
  // DELETE /profile/:id — delete a profile; answers the deleted profile
  defineRoute({
    method: 'DELETE',
    url: '/profile/:id',
    schema: { summary: 'Delete a profile; answers the deleted profile', params: ProfileIdParams, responses: { 200: Profile } },
    async handler({ caller, params }) {
      return toWire(await caller.rpdb.profile.delete({ id: params.id }));
    },
  }),
];
