import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { withDb, type AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, notFound, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Lang } from '../../platform/i18n.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { passwordFieldErrors, revokeSessionsOf } from './auth.service.js';
import { clearFailures, throttleKey } from './login-throttle.js';
import { generateOneTimePassword } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { staff, staffNodes } from './people.tables.js';
import { findStaffByUsername, nodesOfStaff, unitsById } from './people.queries.js';
import { levelLabels, roleRules } from './role-rules.js';
import { roleLabels, type Role } from '../../platform/roles.js';
import { changedProfileFields, presentProfile, profileColumns } from './staff-profile.js';
import type { createUserBody, updateUserBody, userListQuery } from './users.schema.js';
import {
  activeAdminIds,
  findManagedStaff,
  findManagedUnit,
  listManagedStaff,
  lockedKeys,
  managedNodesByCode,
  nodeIdsOf,
} from './users.queries.js';
import { emit } from '../../platform/events.js';
import './people.events.js'; // the events this file emits are declared there
import { isUniqueViolation } from '../../platform/db/pg-errors.js';

type StaffRow = typeof staff.$inferSelect;

const userNotFound = () => notFound({ zh: '找不到该用户', en: 'No such user' });

/** The administrator's view of accounts: names of nodes and units looked up in batches. */
async function presentAccounts(ctx: AppContext, rows: StaffRow[], lang: Lang, viewer: StaffActor) {
  const now = ctx.clock.now();
  const [nodes, unitRows, locked] = await Promise.all([
    nodesOfStaff(ctx.db, rows.map((r) => r.id)),
    unitsById(ctx.db, [...new Set(rows.map((r) => r.unitId).filter((id): id is string => !!id))]),
    lockedKeys(ctx.db, rows.map((r) => throttleKey(r.username)), now),
  ]);
  return rows.map((row) => {
    const unit = row.unitId ? unitRows.get(row.unitId) : undefined;
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      roleLabel: roleLabels[row.role][lang],
      unit: unit ? { id: unit.id, code: unit.code, name: unit.name } : null,
      nodes: (nodes.get(row.id) ?? []).map(({ id, code, name, level }) => ({ id, code, name, level })),
      isActive: row.isActive,
      mustChangePassword: row.mustChangePassword,
      isLocked: locked.has(throttleKey(row.username)),
      lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
      ...presentProfile(ctx.secrets, row, viewer),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  });
}

async function presentOne(ctx: AppContext, row: StaffRow, lang: Lang, viewer: StaffActor) {
  return (await presentAccounts(ctx, [row], lang, viewer))[0]!;
}

/**
 * Resolves and checks what an account would hold: its nodes must exist under the administrator's
 * territory and fit the role (role-rules.ts), its unit must be one the administrator manages.
 * Unknown and out-of-scope nodes/units get the same answer.
 */
async function checkAssignment(db: Database, admin: StaffActor, input: { role: Role; unitId: string | null; nodeCodes: string[] }) {
  const errors: FieldError[] = [];
  const codes = [...new Set(input.nodeCodes)];
  const nodes = await managedNodesByCode(db, admin, codes);
  const missing = codes.filter((c) => !nodes.some((n) => n.code === c));
  if (missing.length > 0) {
    errors.push({ field: 'nodeCodes', message: { zh: `找不到区划或网格：${missing.join('、')}`, en: `no such territory node: ${missing.join(', ')}` } });
  }
  const rule = roleRules[input.role];
  const label = roleLabels[input.role];
  const allowed = { zh: rule.nodeLevels.map((l) => levelLabels[l].zh).join('、'), en: rule.nodeLevels.map((l) => levelLabels[l].en.toLowerCase()).join(', ') };
  const wrongLevel = nodes.filter((n) => !rule.nodeLevels.includes(n.level));
  if (wrongLevel.length > 0) {
    errors.push({
      field: 'nodeCodes',
      message: {
        zh: `${label.zh}只能负责${allowed.zh}，${wrongLevel.map((n) => n.name).join('、')}不符合`,
        en: `a ${label.en.toLowerCase()} may hold only ${allowed.en} nodes, not ${wrongLevel.map((n) => n.code).join(', ')}`,
      },
    });
  }
  if (codes.length < rule.minNodes) {
    errors.push({ field: 'nodeCodes', message: { zh: `${label.zh}至少要负责一个${allowed.zh}`, en: `a ${label.en.toLowerCase()} needs at least one ${allowed.en} node` } });
  }
  if (input.unitId && !(await findManagedUnit(db, admin, input.unitId))) {
    errors.push({ field: 'unitId', message: { zh: '找不到该单位', en: 'no such unit' } });
  }
  if (rule.requiresUnit && !input.unitId) {
    errors.push({ field: 'unitId', message: { zh: `${label.zh}必须属于一个单位`, en: `a ${label.en.toLowerCase()} must belong to a unit` } });
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { fieldErrors: errors });
  return nodes;
}

function usernameTaken(username: string): AppError {
  return new AppError('CONFLICT', {
    detail: { zh: `用户名 ${username} 已被使用`, en: `The username ${username} is taken` },
    fieldErrors: [{ field: 'username', message: { zh: '已被使用', en: 'is taken' } }],
  });
}

/** Accounts the administrator manages, filtered, a page at a time, with the total. */
export async function listUsers(ctx: AppContext, actor: Actor, query: z.infer<typeof userListQuery>, lang: Lang) {
  const admin = requirePermission(actor, 'user:admin');
  let nodePath: string | undefined;
  if (query.node) {
    const [node] = await managedNodesByCode(ctx.db, admin, [query.node]);
    // A subtree outside the administrator's territory holds nobody they manage.
    if (!node) return { items: [], total: 0 };
    nodePath = node.path;
  }
  const { rows, total } = await listManagedStaff(
    ctx.db,
    admin,
    { role: query.role, nodePath, unitId: query.unit, isActive: query.active === undefined ? undefined : query.active === 'true', q: query.q },
    { limit: query.limit, offset: query.offset },
  );
  return { items: await presentAccounts(ctx, rows, lang, admin), total };
}

export async function getUser(ctx: AppContext, actor: Actor, id: string, lang: Lang) {
  const admin = requirePermission(actor, 'user:admin');
  const row = await findManagedStaff(ctx.db, admin, id);
  if (!row) throw userNotFound();
  return presentOne(ctx, row, lang, admin);
}

/**
 * Creates an account. The password is the administrator's choice (checked against the rules) or a
 * generated one-time password returned this once; either way the account must change it at its
 * first sign-in. Hashing happens before the transaction.
 */
export async function createUser(ctx: AppContext, actor: Actor, input: z.infer<typeof createUserBody>, lang: Lang) {
  const admin = requirePermission(actor, 'user:admin');
  if (input.password !== undefined) {
    const problems = passwordFieldErrors('password', input.password, { username: input.username });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fieldErrors: problems });
  }
  const nodes = await checkAssignment(ctx.db, admin, input);
  if (await findStaffByUsername(ctx.db, input.username)) throw usernameTaken(input.username);
  const oneTimePassword = input.password === undefined ? generateOneTimePassword() : null;
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  const now = ctx.clock.now();
  const id = newId();
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(staff).values({
        id,
        username: input.username,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        unitId: input.unitId,
        mustChangePassword: true,
        ...profileColumns(ctx.secrets, input),
        createdAt: now,
        updatedAt: now,
      });
      if (nodes.length > 0) await tx.insert(staffNodes).values(nodes.map((n) => ({ staffId: id, nodeId: n.id })));
      await recordAudit(
        tx,
        admin,
        {
          action: 'user.create',
          entityType: 'staff',
          entityId: id,
          data: {
            role: input.role,
            nodeIds: nodes.map((n) => n.id).sort(),
            unitId: input.unitId,
            password: oneTimePassword ? 'generated' : 'chosen',
            profile: (['phone', 'email', 'title', 'duties'] as const).filter((k) => input[k] != null),
          },
        },
        now,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw usernameTaken(input.username);
    throw error;
  }
  const [row] = await ctx.db.select().from(staff).where(eq(staff.id, id));
  return { user: await presentOne(ctx, row!, lang, admin), oneTimePassword };
}

/** Refuses a change that would leave the county without an active administrator. */
async function keepOneAdmin(tx: Database, target: StaffRow) {
  if (target.role !== 'admin' || !target.isActive) return;
  const others = (await activeAdminIds(tx)).filter((id) => id !== target.id);
  if (others.length === 0) {
    throw new AppError('CONFLICT', {
      detail: { zh: '这是最后一个启用的管理员账号，不能停用或改为其他角色', en: 'This is the last active administrator; it cannot be deactivated or given another role' },
    });
  }
}

/** Edits role, display name, unit and nodes; the version read must still be current (else 409). */
export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof updateUserBody>, lang: Lang) {
  const admin = requirePermission(actor, 'user:admin');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const target = await findManagedStaff(tx, admin, id, { forUpdate: true });
    if (!target) throw userNotFound();
    if (target.version !== input.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: target.version } });
    const oldNodeIds = await nodeIdsOf(tx, id);
    const role = input.role ?? target.role;
    const unitId = input.unitId !== undefined ? input.unitId : target.unitId;
    let nodeIds = oldNodeIds;
    if (input.nodeCodes !== undefined || input.role !== undefined || input.unitId !== undefined) {
      const currentCodes = input.nodeCodes ?? ((await nodesOfStaff(tx, [id])).get(id) ?? []).map((n) => n.code);
      const nodes = await checkAssignment(tx, admin, { role, unitId, nodeCodes: currentCodes });
      nodeIds = nodes.map((n) => n.id).sort();
    }
    const fields: string[] = [];
    if (input.displayName !== undefined && input.displayName !== target.displayName) fields.push('displayName');
    if (role !== target.role) fields.push('role');
    if (unitId !== target.unitId) fields.push('unitId');
    const nodesChanged = nodeIds.join() !== oldNodeIds.join();
    if (nodesChanged) fields.push('nodes');
    // Profile fields: names only in the audit row; the phone is never written there in clear.
    const profileFields = changedProfileFields(ctx.secrets, target, input);
    fields.push(...profileFields);
    if (fields.length === 0) return;
    if (role !== target.role) {
      if (target.id === admin.id) {
        throw new AppError('CONFLICT', { detail: { zh: '不能修改自己的角色', en: 'You cannot change your own role' } });
      }
      await keepOneAdmin(tx, target);
    }
    const updated = await tx
      .update(staff)
      .set({
        displayName: input.displayName ?? target.displayName,
        role,
        unitId,
        ...(profileFields.length > 0 ? profileColumns(ctx.secrets, input) : {}),
        updatedAt: now,
        version: sql`${staff.version} + 1`,
      })
      .where(and(eq(staff.id, id), eq(staff.version, input.version)))
      .returning({ id: staff.id });
    if (updated.length === 0) throw new AppError('STALE_VERSION');
    if (nodesChanged) {
      await tx.delete(staffNodes).where(eq(staffNodes.staffId, id));
      if (nodeIds.length > 0) await tx.insert(staffNodes).values(nodeIds.map((nodeId) => ({ staffId: id, nodeId })));
    }
    // Field names and references only: the display name is personal data and stays out of the trail.
    const data: Record<string, unknown> = { fields };
    if (fields.includes('role')) Object.assign(data, { oldRole: target.role, newRole: role });
    if (nodesChanged) Object.assign(data, { oldNodeIds, newNodeIds: nodeIds });
    if (fields.includes('unitId')) Object.assign(data, { oldUnitId: target.unitId, newUnitId: unitId });
    await recordAudit(tx, admin, { action: 'user.update', entityType: 'staff', entityId: id, data }, now);
  });
  return getUser(ctx, admin, id, lang);
}

/** Deactivates an account (never oneself, never the last administrator) and ends all its sessions. */
export async function deactivateUser(ctx: AppContext, actor: Actor, id: string, lang: Lang) {
  const admin = requirePermission(actor, 'user:admin');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const target = await findManagedStaff(tx, admin, id, { forUpdate: true });
    if (!target) throw userNotFound();
    if (target.id === admin.id) throw new AppError('CONFLICT', { detail: { zh: '不能停用自己的账号', en: 'You cannot deactivate your own account' } });
    if (!target.isActive) return;
    await keepOneAdmin(tx, target);
    await tx.update(staff).set({ isActive: false, updatedAt: now, version: sql`${staff.version} + 1` }).where(eq(staff.id, id));
    await emit(withDb(ctx, tx), 'staff.deactivated', { staffId: id, at: now });
    const revokedSessions = await revokeSessionsOf(tx, id, now);
    await recordAudit(tx, admin, { action: 'user.deactivate', entityType: 'staff', entityId: id, data: { revokedSessions } }, now);
  });
  return getUser(ctx, admin, id, lang);
}

export async function reactivateUser(ctx: AppContext, actor: Actor, id: string, lang: Lang) {
  const admin = requirePermission(actor, 'user:admin');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const target = await findManagedStaff(tx, admin, id, { forUpdate: true });
    if (!target) throw userNotFound();
    if (target.isActive) return;
    await tx.update(staff).set({ isActive: true, updatedAt: now, version: sql`${staff.version} + 1` }).where(eq(staff.id, id));
    await recordAudit(tx, admin, { action: 'user.reactivate', entityType: 'staff', entityId: id }, now);
  });
  return getUser(ctx, admin, id, lang);
}

/**
 * Gives an account a new one-time password (returned this once), which it must change at its next
 * sign-in; ends its sessions and lifts a lock-out. Not for oneself: use the change-password page.
 */
export async function resetPassword(ctx: AppContext, actor: Actor, id: string) {
  const admin = requirePermission(actor, 'user:admin');
  if (id === admin.id) throw new AppError('CONFLICT', { detail: { zh: '请在「我的账号」中修改自己的密码', en: 'Change your own password under My account' } });
  const found = await findManagedStaff(ctx.db, admin, id);
  if (!found) throw userNotFound();
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = ctx.clock.now();
  const revokedSessions = await ctx.db.transaction(async (tx) => {
    const target = await findManagedStaff(tx, admin, id, { forUpdate: true });
    if (!target) throw userNotFound();
    await tx
      .update(staff)
      .set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now, version: sql`${staff.version} + 1` })
      .where(eq(staff.id, id));
    const revoked = await revokeSessionsOf(tx, id, now);
    await clearFailures(tx, throttleKey(target.username));
    await recordAudit(tx, admin, { action: 'user.password_reset', entityType: 'staff', entityId: id, data: { revokedSessions: revoked } }, now);
    return revoked;
  });
  return { oneTimePassword, revokedSessions };
}
