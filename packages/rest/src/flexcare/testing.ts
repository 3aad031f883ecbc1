import { createCaller } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import type { Surface } from '../framework/surface';
import { startSurfaceServer } from '../testing';
import { flexcareSurface } from './surface';

// Shared setup for the FlexCare REST tests: a real server on a free port with an injectable clock, and a
// workspace with two resellers, their customers and one employee per access level.

export type Clock = { now: Date };

export async function startServer(handle: DbHandle, clock: Clock, surface: Surface = flexcareSurface) {
  const server = await startSurfaceServer(handle, [{ surface, mounts: [''] }], { now: () => clock.now });
  return { app: server.app, base: server.base };
}

export type Answer = { status: number; body: unknown; text: string; headers: Headers };

export async function call(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const all: Record<string, string> = { ...headers };
  if (body !== undefined) all['content-type'] = 'application/json';
  if (token !== null) all.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, {
    method,
    headers: all,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, body: parsed, headers: res.headers };
}

export function flexError(status: number, code: string, message: string, extra: { path?: string; check?: string } = {}) {
  return { error: { code, message, status, ...extra } };
}

export const PASSWORD = 'correct-horse-battery';

export const lowerLevels = ['PERSONAL', 'VIEWER', 'MANAGER', 'OWNER', 'RESELLER'] as const;

/**
 * R1 (customers c1a, c1b) and R2 (c2a), plus a direct customer. Employees: admin (ADMIN, direct), ra1
 * (RESELLER_ADMIN, c1a), ra2 (RESELLER_ADMIN, c2a), one employee per lower level on c1a, and a NO_LOGIN one.
 */
export async function seedDirectory(handle: DbHandle, clock: Clock) {
  const ws = await createTestWorkspace(handle.db);
  const owner = createCaller({ ...ws.ctx, now: () => clock.now });
  const r1 = await owner.flexcare.reseller.create({ name: 'Reseller One' });
  const r2 = await owner.flexcare.reseller.create({ name: 'Reseller Two' });
  const c1a = await owner.flexcare.customer.create({ name: 'Care home 1A', reseller: r1.id });
  const c1b = await owner.flexcare.customer.create({ name: 'Care home 1B', reseller: r1.id });
  const c2a = await owner.flexcare.customer.create({ name: 'Care home 2A', reseller: r2.id });
  const direct = await owner.flexcare.customer.create({ name: 'Operator' });
  const tag = ws.slug;
  const employee = async (
    username: string,
    customer: string,
    accessLevel: Parameters<typeof owner.flexcare.employee.create>[0]['accessLevel'],
  ) =>
    (
      await owner.flexcare.employee.create({
        customer,
        username: `${username}@${tag}.test`,
        name: username,
        accessLevel,
        password: PASSWORD,
      })
    ).employee;
  const employees = {
    admin: await employee('admin', direct.id, 'ADMIN'),
    ra1: await employee('ra1', c1a.id, 'RESELLER_ADMIN'),
    ra2: await employee('ra2', c2a.id, 'RESELLER_ADMIN'),
    noLogin: await employee('nologin', c1a.id, 'NO_LOGIN'),
  };
  const lower: Record<string, { username: string }> = {};
  for (const level of lowerLevels) lower[level] = await employee(level.toLowerCase(), c1a.id, level);
  return { ws, owner, resellers: { r1, r2 }, customers: { c1a, c1b, c2a, direct }, employees, lower };
}

export async function login(base: string, username: string, extra: Record<string, unknown> = {}) {
  const res = await call(base, 'POST', '/auth/login', null, { username, password: PASSWORD, ...extra });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return (res.body as { token: string }).token;
}
