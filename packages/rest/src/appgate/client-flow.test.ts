import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Clock, controller, startServer } from './testing';

// A client written the way sdpctl and the terraform provider talk to a controller, knowing nothing about
// this server: it discovers the peer version from the 406 body of a deliberately old Accept header, logs
// in, and then runs the whole client-profile lifecycle with that version.

type Json = Record<string, unknown>;

class SdpClient {
  private token: string | null = null;
  version: number | null = null;
  constructor(private readonly base: string) {}

  private async request(method: string, path: string, body?: unknown, accept?: string) {
    const headers: Record<string, string> = { accept: accept ?? `application/vnd.appgate.peer-v${this.version}+json` };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
  }

  /** sdpctl PR #29: send peer-v5 to the login endpoint and read the supported range from the 406. */
  async discoverVersion(): Promise<number> {
    const res = await this.request('POST', '/admin/login', {}, 'application/vnd.appgate.peer-v5+json');
    if (res.status !== 406) throw new Error(`expected 406, got ${res.status}`);
    this.version = res.body.maxSupportedVersion as number;
    return this.version;
  }

  async login(username: string, password: string) {
    const res = await this.request('POST', '/admin/login', {
      providerName: 'local',
      deviceId: '12699e27-b584-464a-81ee-5b4784b6d425',
      username,
      password,
    });
    if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = res.body.token as string;
    return res.body;
  }

  create = (profile: Json) => this.request('POST', '/admin/client-profiles', profile);
  list = (qs: string) => this.request('GET', `/admin/client-profiles?${qs}`);
  read = (id: string) => this.request('GET', `/admin/client-profiles/${id}`);
  update = (id: string, profile: Json) => this.request('PUT', `/admin/client-profiles/${id}`, profile);
  url = (id: string) => this.request('GET', `/admin/client-profiles/${id}/url`);
  barcode = (id: string) => this.request('GET', `/admin/client-profiles/${id}/barcode`);
  remove = (id: string) => this.request('DELETE', `/admin/client-profiles/${id}`);
  logout = () => this.request('POST', '/admin/authentication/logout');
}

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-03-01T08:00:00.000Z') };
let ctl: Awaited<ReturnType<typeof controller>>;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  ctl = await controller(handle, clock, 'appgate.company.com');
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('scripted SDP client', () => {
  it('discovers the version, logs in, creates, lists, reads, updates, exports and deletes a profile', async () => {
    const client = new SdpClient(base);
    expect(await client.discoverVersion()).toBe(23);

    const session = await client.login(ctl.admin.username, ADMIN_PASSWORD);
    expect(session.user).toMatchObject({ name: ctl.admin.username, privileges: [{ type: 'All', target: 'All' }] });

    const created = await client.create({
      name: 'Company Employee',
      notes: 'created by script',
      tags: ['api-created'],
      identityProviderName: 'local',
    });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ name: 'Company Employee', type: 'Profile', globalHostname: 'appgate.company.com' });

    // terraform's lookup by name: query + orderBy + range, exactly one match expected
    const listed = await client.list(`query=${encodeURIComponent('Company Employee')}&orderBy=name&range=0-10`);
    expect(listed.status).toBe(200);
    expect(listed.body.range).toBe('0-1/1');
    expect((listed.body.data as Json[]).map((p) => p.id)).toEqual([id]);

    const read = await client.read(id);
    expect(read.body).toEqual(created.body);

    clock.now = new Date(clock.now.getTime() + 60_000);
    const updated = await client.update(id, { ...read.body, tags: ['api-created', 'updated'], hostname: 'vpn.company.com' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ tags: ['api-created', 'updated'], hostname: 'vpn.company.com', updated: clock.now.toISOString() });

    const url = await client.url(id);
    expect(url.status).toBe(200);
    expect(url.body.url as string).toMatch(/^appgate:\/\/vpn\.company\.com\//);
    const barcode = await client.barcode(id);
    const png = PNG.sync.read(Buffer.from(barcode.body.barcode as string, 'base64'));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url.body.url);
    expect((await client.read(id)).body.exported).toBe(clock.now.toISOString());

    const deleted = await client.remove(id);
    expect(deleted.status).toBe(204);
    expect((await client.read(id)).status).toBe(404);
    expect((await client.list('')).body.totalCount).toBe(0);

    expect((await client.logout()).status).toBe(204);
    expect((await client.list('')).status).toBe(401);
  });

  it('an older client (peer-v18) gets its own shape throughout', async () => {
    const client = new SdpClient(base);
    client.version = 18;
    await client.login(ctl.admin.username, ADMIN_PASSWORD);
    const created = await client.create({ name: 'Legacy', identityProviderName: 'local' });
    expect(created.status).toBe(200);
    expect(created.body).not.toHaveProperty('type');
    const list = await client.list('query=Legacy');
    expect(list.body).toMatchObject({ range: '0-1/1', queries: ['Legacy'], query: 'Legacy' });
    // ResultList gained totalCount in v19.
    expect(list.body).not.toHaveProperty('totalCount');
    expect((await client.remove(created.body.id as string)).status).toBe(204);
  });
});
