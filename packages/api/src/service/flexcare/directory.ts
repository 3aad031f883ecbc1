import { flexcareCustomers, flexcareEmployees, flexcareResellers, flexcareSessions, isUniqueViolation } from '@profilehub/db';
import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hashPassword } from '../../auth/password';
import { generatePassword } from '../../auth/secrets';
import type { AuthedContext } from '../../context';
import type {
  FlexcareCustomerCreateInput,
  FlexcareCustomerPageInput,
  FlexcareCustomerUpdateInput,
  FlexcareEmployeeCreateInput,
  FlexcareEmployeeListInput,
  FlexcareEmployeePageInput,
  FlexcareEmployeeUpdateInput,
  FlexcareIdInput,
  FlexcareResellerCreateInput,
  FlexcareResellerPageInput,
  FlexcareResellerUpdateInput,
} from '../../contract/flexcare';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError } from '../../errors';
import { audit } from '../audit';
import { orderFor, pageOf, textFilter } from '../page';
import { inTransaction, type TxContext } from '../tx';
import { customerReach, type FlexcareAccess, type FlexcareContext, levelRank, requireLevel } from './access';
import { newObjectId, parseObjectId } from './ids';

// Resellers, customers and employees (TelecomX `api:employee:*`). Resellers are managed by ADMIN only; a
// RESELLER_ADMIN manages the customers and employees of its own reseller. Nobody grants an access level
// above their own or changes an employee ranked above them.

const r = flexcareResellers;
const c = flexcareCustomers;
const e = flexcareEmployees;

type Input<T extends z.ZodType> = z.infer<T>;

const resellerNotFound = (id?: string) => new NotFoundError('Reseller', id, 'RESELLER_NOT_FOUND');
const customerNotFound = (id?: string) => new NotFoundError('Customer', id, 'CUSTOMER_NOT_FOUND');
const employeeNotFound = (id?: string) => new NotFoundError('Employee', id, 'EMPLOYEE_NOT_FOUND');

// ---- resellers -------------------------------------------------------------------------------------------

function resellerReach(access: FlexcareAccess): SQL | undefined {
  if (access.reach.kind === 'all') return undefined;
  if (access.reach.kind === 'reseller') return eq(r.id, access.reach.resellerId);
  return sql`false`;
}

const resellerColumns = {
  id: r.id,
  name: r.name,
  totalCustomers: sql<number>`(select count(*)::int from flexcare_customers c where c.workspace_id = flexcare_resellers.workspace_id and c.reseller_id = flexcare_resellers.id)`,
  createdAt: r.createdAt,
};

export async function listResellers({ ctx }: { ctx: FlexcareContext }) {
  const access = ctx.flexcare;
  return ctx.db
    .select(resellerColumns)
    .from(r)
    .where(and(eq(r.workspaceId, ctx.actor.workspaceId), resellerReach(access)))
    .orderBy(asc(r.name), asc(r.id));
}

/** The resellers the caller reaches, a page at a time, filtered by name. */
export async function pageResellers({ ctx, input }: { ctx: FlexcareContext; input: FlexcareResellerPageInput }) {
  const where = and(eq(r.workspaceId, ctx.actor.workspaceId), resellerReach(ctx.flexcare), textFilter(input.q, [r.name]));
  const order = orderFor(input, { name: [r.name], createdAt: [r.createdAt] }, r.id);
  return pageOf(
    ctx.db
      .select(resellerColumns)
      .from(r)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(r).where(where),
  );
}

async function selectReseller(tx: TxContext, id: string) {
  const [row] = await tx.tx
    .select(resellerColumns)
    .from(r)
    .where(and(eq(r.workspaceId, tx.actor.workspaceId), eq(r.id, id)));
  return row;
}

export async function createReseller({ ctx, input }: { ctx: FlexcareContext; input: Input<typeof FlexcareResellerCreateInput> }) {
  requireLevel(ctx.flexcare, 'ADMIN');
  return inTransaction(ctx, async (tx) => {
    const id = newObjectId(ctx.now());
    await tx.tx.insert(r).values({ workspaceId: ctx.actor.workspaceId, id, name: input.name });
    const created = (await selectReseller(tx, id))!;
    await audit(tx, { action: 'flexcare.reseller.create', entityType: 'flexcare_reseller', entityId: id, after: created });
    return created;
  });
}

export async function updateReseller({ ctx, input }: { ctx: FlexcareContext; input: Input<typeof FlexcareResellerUpdateInput> }) {
  requireLevel(ctx.flexcare, 'ADMIN');
  const id = parseObjectId(input.id);
  if (!id) throw resellerNotFound(input.id);
  return inTransaction(ctx, async (tx) => {
    const before = await selectReseller(tx, id);
    if (!before) throw resellerNotFound(input.id);
    await tx.tx
      .update(r)
      .set({ name: input.name, updatedAt: ctx.now() })
      .where(and(eq(r.workspaceId, ctx.actor.workspaceId), eq(r.id, id)));
    const after = (await selectReseller(tx, id))!;
    await audit(tx, { action: 'flexcare.reseller.update', entityType: 'flexcare_reseller', entityId: id, before, after });
    return after;
  });
}

export async function deleteReseller({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  requireLevel(ctx.flexcare, 'ADMIN');
  const id = parseObjectId(input.id);
  if (!id) throw resellerNotFound(input.id);
  return inTransaction(ctx, async (tx) => {
    const before = await selectReseller(tx, id);
    if (!before) throw resellerNotFound(input.id);
    if (before.totalCustomers > 0) throw new ConflictError('IN_USE', 'Reseller still has customers');
    await tx.tx.delete(r).where(and(eq(r.workspaceId, ctx.actor.workspaceId), eq(r.id, id)));
    await audit(tx, { action: 'flexcare.reseller.delete', entityType: 'flexcare_reseller', entityId: id, before });
    return { success: true as const };
  });
}

// ---- customers -------------------------------------------------------------------------------------------

const customerColumns = {
  id: c.id,
  name: c.name,
  reseller: c.resellerId,
  resellerName: r.name,
  totalEmployees: sql<number>`(select count(*)::int from flexcare_employees e where e.workspace_id = flexcare_customers.workspace_id and e.customer_id = flexcare_customers.id)`,
  totalProfiles: sql<number>`(select count(*)::int from flexcare_profiles p where p.workspace_id = flexcare_customers.workspace_id and p.customer_id = flexcare_customers.id)`,
  createdAt: c.createdAt,
};

function selectCustomers(db: AuthedContext['db'], where: SQL | undefined) {
  return db
    .select(customerColumns)
    .from(c)
    .leftJoin(r, and(eq(r.workspaceId, c.workspaceId), eq(r.id, c.resellerId)))
    .where(where)
    .orderBy(asc(c.name), asc(c.id));
}

export async function listCustomers({ ctx }: { ctx: FlexcareContext }) {
  const access = ctx.flexcare;
  return selectCustomers(ctx.db, and(eq(c.workspaceId, ctx.actor.workspaceId), customerReach(access)));
}

/** The customers the caller reaches, a page at a time, filtered by their or their reseller's name. */
export async function pageCustomers({ ctx, input }: { ctx: FlexcareContext; input: FlexcareCustomerPageInput }) {
  const where = and(eq(c.workspaceId, ctx.actor.workspaceId), customerReach(ctx.flexcare), textFilter(input.q, [c.name, r.name]));
  const order = orderFor(input, { name: [c.name], reseller: [r.name], createdAt: [c.createdAt] }, c.id);
  const joined = and(eq(r.workspaceId, c.workspaceId), eq(r.id, c.resellerId));
  return pageOf(
    ctx.db
      .select(customerColumns)
      .from(c)
      .leftJoin(r, joined)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(c).leftJoin(r, joined).where(where),
  );
}

async function loadCustomer(tx: TxContext, access: FlexcareAccess, rawId: string) {
  const id = parseObjectId(rawId);
  const [row] = id ? await selectCustomers(tx.tx, and(eq(c.workspaceId, tx.actor.workspaceId), eq(c.id, id), customerReach(access))) : [];
  if (!row) throw customerNotFound(rawId);
  return row;
}

/** ADMIN may attach a customer to any reseller (or none); a RESELLER_ADMIN only to its own. */
async function assertResellerAllowed(tx: TxContext, access: FlexcareAccess, resellerId: string | null) {
  if (access.reach.kind === 'reseller' && resellerId !== access.reach.resellerId) throw resellerNotFound(resellerId ?? undefined);
  if (access.reach.kind === 'customer') throw new ForbiddenError('ACCESS_DENIED', 'The access level does not allow this');
  if (resellerId) {
    const [row] = await tx.tx
      .select({ id: r.id })
      .from(r)
      .where(and(eq(r.workspaceId, tx.actor.workspaceId), eq(r.id, resellerId)));
    if (!row) throw resellerNotFound(resellerId);
  }
}

export async function createCustomer({ ctx, input }: { ctx: FlexcareContext; input: Input<typeof FlexcareCustomerCreateInput> }) {
  const access = ctx.flexcare;
  // A RESELLER_ADMIN that names no reseller creates the customer under its own.
  const resellerId = input.reseller ?? (access.reach.kind === 'reseller' ? access.reach.resellerId : null);
  return inTransaction(ctx, async (tx) => {
    await assertResellerAllowed(tx, access, resellerId);
    const id = newObjectId(ctx.now());
    await tx.tx.insert(c).values({ workspaceId: ctx.actor.workspaceId, id, name: input.name, resellerId });
    const created = await loadCustomer(tx, access, id);
    await audit(tx, { action: 'flexcare.customer.create', entityType: 'flexcare_customer', entityId: id, after: created });
    return created;
  });
}

export async function updateCustomer({ ctx, input }: { ctx: FlexcareContext; input: Input<typeof FlexcareCustomerUpdateInput> }) {
  const access = ctx.flexcare;
  return inTransaction(ctx, async (tx) => {
    const before = await loadCustomer(tx, access, input.id);
    if (input.reseller !== undefined && input.reseller !== before.reseller) await assertResellerAllowed(tx, access, input.reseller);
    await tx.tx
      .update(c)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.reseller !== undefined && { resellerId: input.reseller }),
        updatedAt: ctx.now(),
      })
      .where(and(eq(c.workspaceId, ctx.actor.workspaceId), eq(c.id, before.id)));
    const after = await loadCustomer(tx, access, before.id);
    await audit(tx, { action: 'flexcare.customer.update', entityType: 'flexcare_customer', entityId: before.id, before, after });
    return after;
  });
}

export async function deleteCustomer({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  const access = ctx.flexcare;
  return inTransaction(ctx, async (tx) => {
    const before = await loadCustomer(tx, access, input.id);
    if (before.totalEmployees > 0 || before.totalProfiles > 0)
      throw new ConflictError('IN_USE', 'Customer still has employees or profiles');
    await tx.tx.delete(c).where(and(eq(c.workspaceId, ctx.actor.workspaceId), eq(c.id, before.id)));
    await audit(tx, { action: 'flexcare.customer.delete', entityType: 'flexcare_customer', entityId: before.id, before });
    return { success: true as const };
  });
}

// ---- employees -------------------------------------------------------------------------------------------

const employeeColumns = {
  id: e.id,
  customer: e.customerId,
  customerName: c.name,
  username: e.username,
  name: e.name,
  language: e.language,
  accessLevel: e.accessLevel,
  createdAt: e.createdAt,
};

function selectEmployees(db: AuthedContext['db'], where: SQL | undefined) {
  return db
    .select(employeeColumns)
    .from(e)
    .innerJoin(c, and(eq(c.workspaceId, e.workspaceId), eq(c.id, e.customerId)))
    .where(where)
    .orderBy(asc(e.username), asc(e.id));
}

export async function listEmployees({ ctx, input }: { ctx: FlexcareContext; input: Input<typeof FlexcareEmployeeListInput> }) {
  const access = ctx.flexcare;
  return selectEmployees(
    ctx.db,
    and(eq(e.workspaceId, ctx.actor.workspaceId), customerReach(access), input.customer ? eq(e.customerId, input.customer) : undefined),
  );
}

/** The employees the caller reaches (of one customer, if named), a page at a time. */
export async function pageEmployees({ ctx, input }: { ctx: FlexcareContext; input: FlexcareEmployeePageInput }) {
  const where = and(
    eq(e.workspaceId, ctx.actor.workspaceId),
    customerReach(ctx.flexcare),
    input.customer ? eq(e.customerId, input.customer) : undefined,
    textFilter(input.q, [e.username, e.name, c.name]),
  );
  const order = orderFor(
    input,
    {
      // lower(username) is what flexcare_employees_username_uq holds.
      username: [sql`lower(${e.username})`],
      name: [e.name],
      customer: [c.name],
      accessLevel: [e.accessLevel],
      createdAt: [e.createdAt],
    },
    e.id,
  );
  const joined = and(eq(c.workspaceId, e.workspaceId), eq(c.id, e.customerId));
  return pageOf(
    ctx.db
      .select(employeeColumns)
      .from(e)
      .innerJoin(c, joined)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(e).innerJoin(c, joined).where(where),
  );
}

function assertCanGrant(access: FlexcareAccess, level: Input<typeof FlexcareEmployeeCreateInput>['accessLevel']) {
  if (levelRank(level) > levelRank(access.level))
    throw new ForbiddenError('LEVEL_TOO_HIGH', 'You cannot grant an access level above your own');
}

async function loadEmployee(tx: TxContext, access: FlexcareAccess, rawId: string) {
  const id = parseObjectId(rawId);
  const [row] = id ? await selectEmployees(tx.tx, and(eq(e.workspaceId, tx.actor.workspaceId), eq(e.id, id), customerReach(access))) : [];
  if (!row) throw employeeNotFound(rawId);
  return row;
}

function assertCanManage(access: FlexcareAccess, target: { accessLevel: Input<typeof FlexcareEmployeeCreateInput>['accessLevel'] }) {
  if (levelRank(target.accessLevel) > levelRank(access.level))
    throw new ForbiddenError('LEVEL_TOO_HIGH', 'You cannot change an employee ranked above you');
}

export async function createEmployee({ ctx, input }: { ctx: FlexcareContext; input: Input<typeof FlexcareEmployeeCreateInput> }) {
  const access = ctx.flexcare;
  assertCanGrant(access, input.accessLevel);
  const generated = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated!);
  return inTransaction(ctx, async (tx) => {
    await loadCustomer(tx, access, input.customer);
    const id = newObjectId(ctx.now());
    try {
      await tx.tx.insert(e).values({
        workspaceId: ctx.actor.workspaceId,
        id,
        customerId: input.customer,
        username: input.username,
        name: input.name,
        language: input.language,
        accessLevel: input.accessLevel,
        passwordHash,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('EMPLOYEE_EXISTS', `An employee named ${input.username} already exists`);
      throw err;
    }
    const employee = await loadEmployee(tx, access, id);
    await audit(tx, { action: 'flexcare.employee.create', entityType: 'flexcare_employee', entityId: id, after: employee });
    return { employee, password: generated };
  });
}

export async function updateEmployee({ ctx, input }: { ctx: FlexcareContext; input: Input<typeof FlexcareEmployeeUpdateInput> }) {
  const access = ctx.flexcare;
  if (input.accessLevel) assertCanGrant(access, input.accessLevel);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return inTransaction(ctx, async (tx) => {
    const before = await loadEmployee(tx, access, input.id);
    assertCanManage(access, before);
    await tx.tx
      .update(e)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.language !== undefined && { language: input.language }),
        ...(input.accessLevel !== undefined && { accessLevel: input.accessLevel }),
        ...(passwordHash && { passwordHash }),
        updatedAt: ctx.now(),
      })
      .where(and(eq(e.workspaceId, ctx.actor.workspaceId), eq(e.id, before.id)));
    // A new password signs the employee out everywhere.
    if (passwordHash)
      await tx.tx
        .delete(flexcareSessions)
        .where(and(eq(flexcareSessions.workspaceId, ctx.actor.workspaceId), eq(flexcareSessions.employeeId, before.id)));
    const after = await loadEmployee(tx, access, before.id);
    await audit(tx, {
      action: 'flexcare.employee.update',
      entityType: 'flexcare_employee',
      entityId: before.id,
      before,
      after: { ...after, ...(passwordHash && { password: 'changed' }) },
    });
    return after;
  });
}

export async function deleteEmployee({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  const access = ctx.flexcare;
  return inTransaction(ctx, async (tx) => {
    const before = await loadEmployee(tx, access, input.id);
    assertCanManage(access, before);
    if (access.employeeId === before.id) throw new PreconditionError('SELF_DELETE', 'You cannot delete yourself');
    await tx.tx.delete(e).where(and(eq(e.workspaceId, ctx.actor.workspaceId), eq(e.id, before.id)));
    await audit(tx, { action: 'flexcare.employee.delete', entityType: 'flexcare_employee', entityId: before.id, before });
    return { success: true as const };
  });
}
