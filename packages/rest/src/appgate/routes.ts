import type { ZodType } from 'zod';
import type { RouteSchema } from '../framework/route-schema';
import { defineRoute, type SurfaceRoute } from '../framework/surface';
import { bearerToken } from './auth';
import {
  BarcodeWire,
  IdParams,
  ListQuery,
  LoginBody,
  LoginWire,
  OtpBody,
  OtpInitializeBody,
  OtpInitializeWire,
  ProfileCreateBody,
  ProfileListWire,
  ProfileReplaceBody,
  ProfileWire,
  ProvidersWire,
  UrlWire,
  VersionWire,
} from './schemas';
import { MAX_PEER_VERSION, MIN_PEER_VERSION, peerVersion } from './version';
import { listToWire, loginToWire, profileToWire } from './wire';

const ok = (description: string, body: ZodType): RouteSchema['responses'] => ({ 200: { description, body } });
const noContent = (description: string): RouteSchema['responses'] => ({ 204: { description, body: null } });

const login = (url: string, summary: string) =>
  defineRoute({
    method: 'POST',
    url,
    public: true,
    schema: { summary, body: LoginBody, responses: ok('The token, when it expires and the admin it names', LoginWire) },
    handler: async ({ caller, body }) => loginToWire(await caller.appgate.session.login(body)),
  });

export const routes: SurfaceRoute[] = [
  // GET /admin/version — current and lowest supported peer API version (no auth, plain JSON)
  defineRoute({
    method: 'GET',
    url: '/admin/version',
    public: true,
    schema: {
      summary: 'The current and lowest supported peer API version (no Accept version needed)',
      responses: ok('The versions', VersionWire),
    },
    handler: async () => ({ peerVersion: MAX_PEER_VERSION, lowestPeerVersionSupported: MIN_PEER_VERSION }),
  }),
  // POST /admin/login — admin login with provider, device id and credentials → bearer token
  login('/admin/login', 'Admin login with identity provider, device id and credentials'),
  // GET /admin/identity-providers/names — providers an admin can sign in with (no auth)
  defineRoute({
    method: 'GET',
    url: '/admin/identity-providers/names',
    public: true,
    schema: { summary: 'The identity providers an admin can sign in with', responses: ok('The providers', ProvidersWire) },
    handler: async ({ caller }) => ({ data: await caller.appgate.session.providers() }),
  }),
  // POST /admin/authentication — sign-in step 1: credentials → token (sdpctl; same checks as /admin/login)
  login('/admin/authentication', 'Sign-in step 1 (sdpctl): credentials → token, as /admin/login'),
  // POST /admin/authentication/otp/initialize — start MFA; refused (422) for an admin without MFA
  defineRoute({
    method: 'POST',
    url: '/admin/authentication/otp/initialize',
    schema: {
      summary: 'Start MFA (refused with 422 for an admin without MFA)',
      body: OtpInitializeBody,
      responses: ok('The OTP type', OtpInitializeWire),
    },
    handler: async ({ caller, body }) => caller.appgate.session.otpInitialize(body),
  }),
  // POST /admin/authentication/otp — finish MFA with an OTP; refused (422) for an admin without MFA
  defineRoute({
    method: 'POST',
    url: '/admin/authentication/otp',
    schema: {
      summary: 'Finish MFA with an OTP (refused with 422 for an admin without MFA)',
      body: OtpBody,
      responses: ok('The token', LoginWire),
    },
    handler: async ({ caller, body }) => loginToWire(await caller.appgate.session.otp(body)),
  }),
  // GET /admin/authorization — sign-in last step: the AuthToken with the admin's privileges
  defineRoute({
    method: 'GET',
    url: '/admin/authorization',
    schema: { summary: "Sign-in last step: the token with the admin's privileges", responses: ok('The token', LoginWire) },
    handler: async ({ req, caller }) => loginToWire(await caller.appgate.session.authorize({ token: bearerToken(req)! })),
  }),
  // POST /admin/authentication/logout — revoke the token of this session
  defineRoute({
    method: 'POST',
    url: '/admin/authentication/logout',
    schema: { summary: 'Revoke the token of this session', responses: noContent('Signed out') },
    handler: async ({ req, reply, caller }) => {
      await caller.appgate.session.logout({ token: bearerToken(req)! });
      return reply.status(204).send();
    },
  }),
  // GET /admin/client-profiles — list with query, range, orderBy, descending, filterBy[field]
  defineRoute({
    method: 'GET',
    url: '/admin/client-profiles',
    schema: {
      summary: 'List client profiles (query, range, orderBy, descending, filterBy[field])',
      query: ListQuery,
      responses: ok('The list', ProfileListWire),
    },
    handler: async ({ req, caller, query }) => listToWire(await caller.appgate.clientProfile.list(query), peerVersion(req)),
  }),
  // POST /admin/client-profiles — create a client profile (200 with the created object)
  defineRoute({
    method: 'POST',
    url: '/admin/client-profiles',
    schema: {
      summary: 'Create a client profile',
      description: 'Clients before v20 cannot send `type` or `profileUrls`: what they send is read as a Profile.',
      body: ProfileCreateBody,
      responses: ok('The created client profile', ProfileWire),
    },
    handler: async ({ req, caller, body }) => profileToWire(await caller.appgate.clientProfile.create(body), peerVersion(req)),
  }),
  // GET /admin/client-profiles/:id — one client profile
  defineRoute({
    method: 'GET',
    url: '/admin/client-profiles/:id',
    schema: { summary: 'One client profile', params: IdParams, responses: ok('The client profile', ProfileWire) },
    handler: async ({ req, caller, params }) => profileToWire(await caller.appgate.clientProfile.get({ id: params.id }), peerVersion(req)),
  }),
  // PUT /admin/client-profiles/:id — replace a client profile (full object)
  defineRoute({
    method: 'PUT',
    url: '/admin/client-profiles/:id',
    schema: {
      summary: 'Replace a client profile (full object; an omitted type keeps the stored one)',
      params: IdParams,
      body: ProfileReplaceBody,
      responses: ok('The client profile as replaced', ProfileWire),
    },
    handler: async ({ req, caller, params, body }) =>
      profileToWire(await caller.appgate.clientProfile.update({ id: params.id, profile: body }), peerVersion(req)),
  }),
  // DELETE /admin/client-profiles/:id — delete a client profile (204)
  defineRoute({
    method: 'DELETE',
    url: '/admin/client-profiles/:id',
    schema: { summary: 'Delete a client profile', params: IdParams, responses: noContent('Deleted') },
    handler: async ({ reply, caller, params }) => {
      await caller.appgate.clientProfile.delete({ id: params.id });
      return reply.status(204).send();
    },
  }),
  // GET /admin/client-profiles/:id/url — connection URL appgate://<host>/<base64 JSON>; stamps `exported`.
  // HEAD (Fastify answers it with this handler) gets the same status and headers and writes nothing.
  defineRoute({
    method: 'GET',
    url: '/admin/client-profiles/:id/url',
    schema: {
      summary: 'The connection URL of a client profile (stamps exported; a HEAD does not)',
      params: IdParams,
      responses: ok('The URL', UrlWire),
    },
    handler: async ({ req, caller, params }) => {
      if (req.method === 'HEAD') return { url: (await caller.appgate.clientProfile.previewExport({ id: params.id })).url };
      return caller.appgate.clientProfile.exportUrl({ id: params.id });
    },
  }),
  // GET /admin/client-profiles/:id/barcode — the URL as a base64 PNG QR code; stamps `exported` (not on HEAD)
  defineRoute({
    method: 'GET',
    url: '/admin/client-profiles/:id/barcode',
    schema: {
      summary: 'The connection URL as a PNG QR code, base64 (stamps exported; a HEAD does not)',
      params: IdParams,
      responses: ok('The QR code', BarcodeWire),
    },
    handler: async ({ req, caller, params }) => {
      if (req.method === 'HEAD')
        return { barcode: (await caller.appgate.clientProfile.previewExport({ id: params.id, barcode: true })).barcode };
      const { barcode } = await caller.appgate.clientProfile.exportBarcode({ id: params.id });
      return { barcode };
    },
  }),
];
