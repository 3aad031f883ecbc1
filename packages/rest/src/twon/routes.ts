import { TwonParamError } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { RestErrorThrown, restError } from '../framework/errors';
import type { SurfaceRoute } from '../framework/surface';
import { UnreadableBody } from './body';

type Body = Record<string, unknown>;

function bodyOf(req: FastifyRequest): Body {
  const body = req.body;
  if (body instanceof UnreadableBody) throw body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new RestErrorThrown(restError('bad_request', 'The body must be a JSON object'));
  return body as Body;
}

function invalid(param: string): never {
  throw new RestErrorThrown(
    restError('validation', 'invalid parameter value', { issues: [{ path: param, message: TwonParamError.invalid }] }),
  );
}

// `force` is a query parameter in the current manual and a JSON key in the older one and in 2N's own client.
function forceOf(req: FastifyRequest, body: Body): boolean {
  const query = (req.query as Record<string, unknown> | undefined)?.force;
  if (query !== undefined) {
    if (query === '1' || query === 'true') return true;
    if (query === '0' || query === 'false' || query === '') return false;
    return invalid('force');
  }
  const value = body.force;
  if (value === undefined || value === false || value === 0) return false;
  if (value === true || value === 1) return true;
  return invalid('force');
}

const ok = (result: unknown) => ({ success: true, result });

// Takes no parameters, but an unparseable body is still refused as on every other function.
const template: SurfaceRoute['handler'] = async ({ req, caller }) => {
  bodyOf(req);
  return ok(await caller.twoN.dir.template({}));
};

const systemInfo: SurfaceRoute['handler'] = async ({ req, caller }) => {
  bodyOf(req);
  return ok(await caller.twoN.device.info({}));
};

export const twonRoutes: SurfaceRoute[] = [
  // GET /api/system/info — the emulated device: model, serial number, firmware (spec 4.6)
  { method: 'GET', url: '/api/system/info', handler: systemInfo },
  // POST /api/system/info — same, POST allowed by the manual
  { method: 'POST', url: '/api/system/info', handler: systemInfo },
  // GET /api/dir/template — the entry template of this device model
  { method: 'GET', url: '/api/dir/template', handler: template },
  // POST /api/dir/template — same, POST allowed by the manual
  { method: 'POST', url: '/api/dir/template', handler: template },
  // PUT /api/dir/create — batch-create directory entries (force overwrites)
  {
    method: 'PUT',
    url: '/api/dir/create',
    handler: async ({ req, caller }) => {
      const body = bodyOf(req);
      return ok(await caller.twoN.dir.create({ users: body.users as never, force: forceOf(req, body) }));
    },
  },
  // PUT /api/dir/update — batch-update directory entries
  {
    method: 'PUT',
    url: '/api/dir/update',
    handler: async ({ req, caller }) => ok(await caller.twoN.dir.update({ users: bodyOf(req).users as never })),
  },
  // PUT /api/dir/delete — delete entries by uuid list or by owner (tombstones remain)
  {
    method: 'PUT',
    url: '/api/dir/delete',
    handler: async ({ req, caller }) => {
      const body = bodyOf(req);
      return ok(await caller.twoN.dir.delete({ owner: body.owner as never, users: body.users as never }));
    },
  },
  // POST /api/dir/get — read entries by uuid, optionally only some fields
  {
    method: 'POST',
    url: '/api/dir/get',
    handler: async ({ req, caller }) => {
      const body = bodyOf(req);
      return ok(await caller.twoN.dir.get({ users: body.users as never, fields: body.fields as never }));
    },
  },
  // POST /api/dir/query — entries changed after iterator.timestamp within a series (sync)
  {
    method: 'POST',
    url: '/api/dir/query',
    handler: async ({ req, caller }) => {
      const body = bodyOf(req);
      return ok(
        await caller.twoN.dir.query({ series: body.series as never, fields: body.fields as never, iterator: body.iterator as never }),
      );
    },
  },
];
