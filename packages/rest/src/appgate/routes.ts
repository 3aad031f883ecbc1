import type { SurfaceRoute } from '../framework/surface';
import { bearerToken } from './auth';
import { MAX_PEER_VERSION, MIN_PEER_VERSION, peerVersion } from './version';
import { jsonObject, listQueryFromWire, listToWire, loginToWire, optionalJsonObject, profileFromWire, profileToWire } from './wire';

type IdParams = { id: string };

export const routes: SurfaceRoute[] = [
  // GET /admin/version — current and lowest supported peer API version (no auth, plain JSON)
  {
    method: 'GET',
    url: '/admin/version',
    public: true,
    handler: async () => ({ peerVersion: MAX_PEER_VERSION, lowestPeerVersionSupported: MIN_PEER_VERSION }),
  },
  // POST /admin/login — admin login with provider, device id and credentials → bearer token
  {
    method: 'POST',
    url: '/admin/login',
    public: true,
    handler: async ({ req, caller }) => loginToWire(await caller.appgate.session.login(jsonObject(req.body) as never)),
  },
  // GET /admin/identity-providers/names — providers an admin can sign in with (no auth)
  {
    method: 'GET',
    url: '/admin/identity-providers/names',
    public: true,
    handler: async ({ caller }) => ({ data: await caller.appgate.session.providers() }),
  },
  // POST /admin/authentication — sign-in step 1: credentials → token (sdpctl; same checks as /admin/login)
  {
    method: 'POST',
    url: '/admin/authentication',
    public: true,
    handler: async ({ req, caller }) => loginToWire(await caller.appgate.session.login(jsonObject(req.body) as never)),
  },
  // POST /admin/authentication/otp/initialize — start MFA; refused (422) for an admin without MFA
  {
    method: 'POST',
    url: '/admin/authentication/otp/initialize',
    handler: async ({ req, caller }) => caller.appgate.session.otpInitialize(optionalJsonObject(req.body) as never),
  },
  // POST /admin/authentication/otp — finish MFA with an OTP; refused (422) for an admin without MFA
  {
    method: 'POST',
    url: '/admin/authentication/otp',
    handler: async ({ req, caller }) => loginToWire(await caller.appgate.session.otp(jsonObject(req.body) as never)),
  },
  // GET /admin/authorization — sign-in last step: the AuthToken with the admin's privileges
  {
    method: 'GET',
    url: '/admin/authorization',
    handler: async ({ req, caller }) => loginToWire(await caller.appgate.session.authorize({ token: bearerToken(req)! })),
  },
  // POST /admin/authentication/logout — revoke the token of this session
  {
    method: 'POST',
    url: '/admin/authentication/logout',
    handler: async ({ req, reply, caller }) => {
      await caller.appgate.session.logout({ token: bearerToken(req)! });
      return reply.status(204).send();
    },
  },
  // GET /admin/client-profiles — list with query, range, orderBy, descending, filterBy[field]
  {
    method: 'GET',
    url: '/admin/client-profiles',
    handler: async ({ req, caller }) => {
      const list = await caller.appgate.clientProfile.list(listQueryFromWire(req.query as Record<string, unknown>) as never);
      return listToWire(list, peerVersion(req));
    },
  },
  // POST /admin/client-profiles — create a client profile (200 with the created object)
  {
    method: 'POST',
    url: '/admin/client-profiles',
    handler: async ({ req, caller }) => {
      const version = peerVersion(req);
      const created = await caller.appgate.clientProfile.create(profileFromWire(req.body, version) as never);
      return profileToWire(created, version);
    },
  },
  // GET /admin/client-profiles/:id — one client profile
  {
    method: 'GET',
    url: '/admin/client-profiles/:id',
    handler: async ({ req, caller }) => {
      const profile = await caller.appgate.clientProfile.get({ id: (req.params as IdParams).id });
      return profileToWire(profile, peerVersion(req));
    },
  },
  // PUT /admin/client-profiles/:id — replace a client profile (full object)
  {
    method: 'PUT',
    url: '/admin/client-profiles/:id',
    handler: async ({ req, caller }) => {
      const version = peerVersion(req);
      const profile = profileFromWire(req.body, version);
      const updated = await caller.appgate.clientProfile.update({ id: (req.params as IdParams).id, profile: profile as never });
      return profileToWire(updated, version);
    },
  },
  // DELETE /admin/client-profiles/:id — delete a client profile (204)
  {
    method: 'DELETE',
    url: '/admin/client-profiles/:id',
    handler: async ({ req, reply, caller }) => {
      await caller.appgate.clientProfile.delete({ id: (req.params as IdParams).id });
      return reply.status(204).send();
    },
  },
  // GET /admin/client-profiles/:id/url — connection URL appgate://<host>/<base64 JSON>; stamps `exported`.
  // HEAD (Fastify answers it with this handler) gets the same status and headers and writes nothing.
  {
    method: 'GET',
    url: '/admin/client-profiles/:id/url',
    handler: async ({ req, caller }) => {
      const id = (req.params as IdParams).id;
      if (req.method === 'HEAD') return { url: (await caller.appgate.clientProfile.previewExport({ id })).url };
      return caller.appgate.clientProfile.exportUrl({ id });
    },
  },
  // GET /admin/client-profiles/:id/barcode — the URL as a base64 PNG QR code; stamps `exported` (not on HEAD)
  {
    method: 'GET',
    url: '/admin/client-profiles/:id/barcode',
    handler: async ({ req, caller }) => {
      const id = (req.params as IdParams).id;
      if (req.method === 'HEAD') return { barcode: (await caller.appgate.clientProfile.previewExport({ id, barcode: true })).barcode };
      const { barcode } = await caller.appgate.clientProfile.exportBarcode({ id });
      return { barcode };
    },
  },
];
