import { twonContract as contract } from '@profilehub/api';
import { type ZodType, z } from 'zod';
import { RestErrorThrown, restError } from '../framework/errors';
import { defineRoute, type SurfaceRoute } from '../framework/surface';
import { UnreadableBody } from './body';
import { CreateBody, DeleteBody, ForceQuery, forceOf, GetBody, NoParameters, ok, QueryBody, TwonErrorSchema, UpdateBody } from './wire';

/** A device answers its request errors with HTTP 200 too: `success` tells them apart. */
const answer = (description: string, result: ZodType) => ({
  200: {
    description: `${description}; or a request error (\`success: false\`), which the device also answers with HTTP 200`,
    body: z.union([ok(result), TwonErrorSchema]),
  },
});

// Functions without parameters have no body schema (a GET documents none), yet refuse a body that did not
// parse or is not a JSON object, as every other function does.
function noParameters(body: unknown) {
  if (body instanceof UnreadableBody) throw body;
  if (!NoParameters.safeParse(body).success) throw new RestErrorThrown(restError('bad_request', 'The body must be a JSON object'));
}

const systemInfo = (method: 'GET' | 'POST') =>
  // GET|POST /api/system/info — the emulated device: model, serial number, firmware (spec 4.6)
  defineRoute({
    method,
    url: '/api/system/info',
    schema: { summary: 'The device: model, serial number, firmware', responses: answer('The device', contract.TwonDeviceInfo) },
    async handler({ caller, body }) {
      noParameters(body);
      return { success: true, result: await caller.twoN.device.info({}) };
    },
  });

const template = (method: 'GET' | 'POST') =>
  // GET|POST /api/dir/template — the entry template of this device model
  defineRoute({
    method,
    url: '/api/dir/template',
    schema: {
      summary: 'The entry template of this device model',
      responses: answer('The template: one entry with every field at its default', contract.TwonTemplateResult),
    },
    async handler({ caller, body }) {
      noParameters(body);
      return { success: true, result: await caller.twoN.dir.template({}) };
    },
  });

const batch = (description: string) => answer(description, contract.TwonBatchResult);

export const twonRoutes: SurfaceRoute[] = [
  systemInfo('GET'),
  // POST is allowed by the manual for every read function
  systemInfo('POST'),
  template('GET'),
  template('POST'),
  // PUT /api/dir/create — batch-create directory entries (force overwrites)
  defineRoute({
    method: 'PUT',
    url: '/api/dir/create',
    schema: {
      summary: 'Create directory entries in one batch (force overwrites)',
      query: ForceQuery,
      body: CreateBody,
      responses: batch('Per entry its uuid and timestamp, or its EDIR_* errors'),
    },
    async handler({ caller, query, body }) {
      return { success: true, result: await caller.twoN.dir.create({ users: body?.users, force: forceOf(query, body) }) };
    },
  }),
  // PUT /api/dir/update — batch-update directory entries
  defineRoute({
    method: 'PUT',
    url: '/api/dir/update',
    schema: {
      summary: 'Change directory entries in one batch',
      body: UpdateBody,
      responses: batch('Per entry its uuid and timestamp, or its EDIR_* errors'),
    },
    async handler({ caller, body }) {
      // Without a body there are no users: the procedure answers 11 (missing) for it, as for `{}`.
      return { success: true, result: await caller.twoN.dir.update({ users: body?.users as unknown[] }) };
    },
  }),
  // PUT /api/dir/delete — delete entries by uuid list or by owner (tombstones remain)
  defineRoute({
    method: 'PUT',
    url: '/api/dir/delete',
    schema: {
      summary: 'Delete entries by uuid or by owner (tombstones remain for sync)',
      body: DeleteBody,
      responses: batch('Per entry its uuid and timestamp, or its EDIR_* errors'),
    },
    async handler({ caller, body }) {
      return { success: true, result: await caller.twoN.dir.delete({ owner: body?.owner, users: body?.users }) };
    },
  }),
  // POST /api/dir/get — read entries by uuid, optionally only some fields
  defineRoute({
    method: 'POST',
    url: '/api/dir/get',
    schema: {
      summary: 'Read entries by uuid, optionally only some fields',
      body: GetBody,
      responses: answer('Each entry, or its EDIR_* errors', contract.TwonGetResult),
    },
    async handler({ caller, body }) {
      return { success: true, result: await caller.twoN.dir.get({ users: body?.users, fields: body?.fields }) };
    },
  }),
  // POST /api/dir/query — entries changed after iterator.timestamp within a series (sync)
  defineRoute({
    method: 'POST',
    url: '/api/dir/query',
    schema: {
      summary: 'Entries changed after iterator.timestamp within a series (sync)',
      body: QueryBody,
      responses: answer('The series, its current timestamp and the changed entries', contract.TwonQueryResult),
    },
    async handler({ caller, body }) {
      return {
        success: true,
        result: await caller.twoN.dir.query({ series: body?.series, fields: body?.fields, iterator: body?.iterator }),
      };
    },
  }),
];
