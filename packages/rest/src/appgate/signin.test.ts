import { auditLog, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Clock, controller, startServer } from './testing';

// sdpctl's sign-in (pkg/auth/signin.go, local.go, flow.go) replayed request by request as its generated Go
// client sends them, against the contract in ../shared/spec/appgate-v22/login.yml:
//   1. POST /admin/authentication with `Accept: …peer-v5+json` → 406, min/max version read from the body;
//   2. GET  /admin/identity-providers/names (max version) → one provider → chosen without a prompt;
//   3. POST /admin/authentication with the credentials → token + expires;
//   4. GET  /admin/authorization (twice: once to see whether an OTP is needed, once for the AuthToken);
//   later: GET /admin/authorization with the stored token to test it, and logout.
// The Go client marshals LoginRequest through a map (keys sorted, required `providerName` always present),
// sends `Content-Type: application/json` only with a body and no Authorization header before step 4.

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-06-01T07:30:00.000Z') };
let ctl: Awaited<ReturnType<typeof controller>>;

const DEVICE_ID = '5f1ae2e4-5b0b-4c55-9c3e-0a4f8a9f3b21';
const USER_AGENT = 'sdpctl/2.4.0';

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  ctl = await controller(handle, clock);
  // Generous: several scrypt hashes and a fresh database, on a machine that may be busy.
}, 180_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

type Sent = { status: number; contentType: string | null; text: string; json: Record<string, unknown> | null };

/** One request as sdpctl's APIClient sends it. */
async function sdpctl(
  method: string,
  path: string,
  opts: { version: number; token?: string; body?: Record<string, unknown> },
): Promise<Sent> {
  const headers: Record<string, string> = {
    Accept: `application/vnd.appgate.peer-v${opts.version}+json`,
    'User-Agent': USER_AGENT,
  };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(Object.fromEntries(Object.entries(opts.body).sort(([a], [b]) => a.localeCompare(b))));
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), text, json: text ? JSON.parse(text) : null };
}

/** What the Go SDK decodes a LoginResponse into: a token string and an RFC 3339 `expires`. */
function decodeLogin(res: Sent) {
  expect(res.contentType).toMatch(/^application\/json/);
  const body = res.json!;
  expect(typeof body.token).toBe('string');
  expect(body.expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  return { token: body.token as string, expires: new Date(body.expires as string), user: body.user as Record<string, unknown> };
}

describe('sdpctl sign-in for an admin without MFA', () => {
  it('discovers the version, picks the only provider, authenticates, authorizes and uses the token', async () => {
    // 1. version discovery: the deliberately old Accept header is refused with the supported range.
    const discovery = await sdpctl('POST', '/admin/authentication', { version: 5, body: { deviceId: DEVICE_ID, providerName: '' } });
    expect(discovery.status).toBe(406);
    expect(discovery.json).toEqual({
      id: 'not acceptable',
      message:
        "Invalid 'Accept' header. Current version: application/vnd.appgate.peer-v23+json, Received: application/vnd.appgate.peer-v5+json",
      minSupportedVersion: 18,
      maxSupportedVersion: 23,
    });
    const version = discovery.json!.maxSupportedVersion as number;

    // 2. identity providers: exactly one, of the type sdpctl signs in with username and password.
    const providers = await sdpctl('GET', '/admin/identity-providers/names', { version });
    expect(providers.status).toBe(200);
    expect(providers.json).toEqual({ data: [{ name: 'local', type: 'Credentials' }] });
    const provider = (providers.json!.data as { name: string }[])[0]!.name;

    // 3. authentication with the credentials.
    const authn = await sdpctl('POST', '/admin/authentication', {
      version,
      body: { deviceId: DEVICE_ID, password: ADMIN_PASSWORD, providerName: provider, username: ctl.admin.username },
    });
    expect(authn.status).toBe(200);
    const signedIn = decodeLogin(authn);
    expect(authn.json).toEqual({
      user: { name: ctl.admin.username, needTwoFactorAuth: false, canAccessAuditLogs: false, privileges: [{ type: 'All', target: 'All' }] },
      token: signedIn.token,
      expires: new Date(clock.now.getTime() + 24 * 3600_000).toISOString(),
    });

    // 4. authorization: no 412, so no OTP; the second call's token is the one sdpctl stores.
    const check = await sdpctl('GET', '/admin/authorization', { version, token: signedIn.token });
    expect(check.status).toBe(200);
    const authz = await sdpctl('GET', '/admin/authorization', { version, token: signedIn.token });
    expect(authz.status).toBe(200);
    const authorized = decodeLogin(authz);
    expect(authz.json).toEqual({
      user: { name: ctl.admin.username, needTwoFactorAuth: false, canAccessAuditLogs: false, privileges: [{ type: 'All', target: 'All' }] },
      token: signedIn.token,
      expires: signedIn.expires.toISOString(),
    });

    // The stored token works for the API and passes sdpctl's "is my stored token still valid" check.
    const list = await sdpctl('GET', '/admin/client-profiles', { version, token: authorized.token });
    expect(list.status).toBe(200);
    expect((await sdpctl('GET', '/admin/authorization', { version, token: authorized.token })).status).toBe(200);

    // The sign-in is audited like a login; logout revokes the token, after which authorization says 401.
    const audited = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctl.actor.workspaceId), eq(auditLog.action, 'appgate.login')));
    expect(audited.length).toBeGreaterThanOrEqual(1);
    const out = await sdpctl('POST', '/admin/authentication/logout', { version, token: authorized.token });
    expect(out.status).toBe(204);
    const after = await sdpctl('GET', '/admin/authorization', { version, token: authorized.token });
    expect(after.status).toBe(401);
    expect(after.json).toEqual({ id: 'unauthorized', message: 'Token error. Login again.' });
  });

  it('every version 18–23 signs in the same way', async () => {
    for (let version = 18; version <= 23; version++) {
      const providers = await sdpctl('GET', '/admin/identity-providers/names', { version });
      expect(providers.status, `v${version}`).toBe(200);
      const authn = await sdpctl('POST', '/admin/authentication', {
        version,
        body: { deviceId: DEVICE_ID, password: ADMIN_PASSWORD, providerName: 'local', username: ctl.admin.username },
      });
      expect(authn.status, `v${version}`).toBe(200);
      const authz = await sdpctl('GET', '/admin/authorization', { version, token: decodeLogin(authn).token });
      expect(authz.status, `v${version}`).toBe(200);
    }
  });

  it('wrong credentials answer the controller 401 body sdpctl shows; a bad body 422/400', async () => {
    const wrong = await sdpctl('POST', '/admin/authentication', {
      version: 23,
      body: { deviceId: DEVICE_ID, password: 'not-the-password', providerName: 'local', username: ctl.admin.username },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ id: 'unauthorized', message: 'Invalid username or password.', failureType: 'Login' });

    // What sdpctl sends when it skips discovery: the required providerName as "".
    const empty = await sdpctl('POST', '/admin/authentication', { version: 23, body: { deviceId: DEVICE_ID, providerName: '' } });
    expect(empty.status).toBe(422);
    expect(empty.json).toEqual({
      id: 'unprocessable entity',
      message: 'Request validation error. Check "errors" array for details.',
      errors: [{ field: 'providerName', message: 'may not be empty' }],
    });

    const res = await fetch(`${base}/admin/authentication`, {
      method: 'POST',
      headers: { Accept: 'application/vnd.appgate.peer-v23+json', 'Content-Type': 'application/json' },
      body: '{"providerName":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ id: 'bad request', message: 'JSON error. Check the JSON format.' });
  });

  it('OTP steps: an admin without MFA has nothing to initialize or verify (422); without a token 401', async () => {
    const authn = await sdpctl('POST', '/admin/authentication', {
      version: 23,
      body: { deviceId: DEVICE_ID, password: ADMIN_PASSWORD, providerName: 'local', username: ctl.admin.username },
    });
    const token = decodeLogin(authn).token;
    const notRequired = {
      id: 'unprocessable entity',
      message: 'Request validation error. Check "errors" array for details.',
      errors: [{ field: 'otp', message: 'multi-factor authentication is not required for this admin' }],
    };
    // flow.go InitializeOTP sends {"userPassword": …}; PushOTP sends {"otp": …}.
    const init = await sdpctl('POST', '/admin/authentication/otp/initialize', {
      version: 23,
      token,
      body: { userPassword: ADMIN_PASSWORD },
    });
    expect(init.status).toBe(422);
    expect(init.json).toEqual(notRequired);
    const otp = await sdpctl('POST', '/admin/authentication/otp', { version: 23, token, body: { otp: '521856' } });
    expect(otp.status).toBe(422);
    expect(otp.json).toEqual(notRequired);
    // The otp field is required by the contract.
    const missing = await sdpctl('POST', '/admin/authentication/otp', { version: 23, token, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.json).toMatchObject({ errors: [{ field: 'otp', message: 'may not be null' }] });

    const tokenError = { id: 'unauthorized', message: 'Token error. Login again.' };
    for (const path of ['/admin/authentication/otp/initialize', '/admin/authentication/otp']) {
      const anonymous = await sdpctl('POST', path, { version: 23, body: { otp: '1' } });
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.json, path).toEqual(tokenError);
    }
    const noToken = await sdpctl('GET', '/admin/authorization', { version: 23 });
    expect(noToken.status).toBe(401);
    expect(noToken.json).toEqual(tokenError);
    // The token still works afterwards: the refused OTP steps changed nothing.
    expect((await sdpctl('GET', '/admin/authorization', { version: 23, token })).status).toBe(200);
  });

  it('an admin holding no privileges authenticates but is refused authorization (403)', async () => {
    const idle = await ctl.caller.appgate.admin.create({ username: `idle-${ctl.slug}`, password: ADMIN_PASSWORD, privileges: [] });
    const authn = await sdpctl('POST', '/admin/authentication', {
      version: 23,
      body: { deviceId: DEVICE_ID, password: ADMIN_PASSWORD, providerName: 'local', username: idle.admin.username },
    });
    expect(authn.status).toBe(200);
    const authz = await sdpctl('GET', '/admin/authorization', { version: 23, token: decodeLogin(authn).token });
    expect(authz.status).toBe(403);
    expect(authz.json).toEqual({ id: 'forbidden', message: 'No administration rights.' });
  });

  it('an expired token is refused by authorization', async () => {
    const authn = await sdpctl('POST', '/admin/authentication', {
      version: 23,
      body: { deviceId: DEVICE_ID, password: ADMIN_PASSWORD, providerName: 'local', username: ctl.admin.username },
    });
    const { token, expires } = decodeLogin(authn);
    const saved = clock.now;
    clock.now = expires;
    try {
      expect((await sdpctl('GET', '/admin/authorization', { version: 23, token })).status).toBe(401);
    } finally {
      clock.now = saved;
    }
  });
});
