import { and, desc, eq, gte, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { withDb, type AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { emit } from '../../platform/events.js';
import './assignments.events.js'; // the events this file emits are declared there
import { requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { activeOn } from './assignments.queries.js';
import { presentAssignments } from './assignments.present.js';
import type { assignmentListQuery, createAssignmentBody, endAssignmentBody, updateAssignmentBody } from './assignments.schema.js';
import { assignmentRefusal, nodeInScope, staffFacts, underActor } from './assignments.scope.js';
import { assignments, type AssignmentRow, type AssignmentTier } from './assignments.tables.js';

const assignmentNotFound = () => notFound({ zh: '找不到该包联记录', en: 'No such assignment' });
const nodeNotFound = () => notFound({ zh: '找不到该村(社区)或网格', en: 'No such village or grid' });

/** Rows whose node lies under the actor's nodes (reading and managing see the same set). */
function inScope(actor: StaffActor): SQL {
  return sql`exists (select 1 from territory_nodes an where an.id = ${assignments.nodeId} and ${underActor(actor, sql`an.path`)})`;
}

export async function listAssignments(ctx: AppContext, actor: Actor, query: z.infer<typeof assignmentListQuery>, lang: Lang) {
  const reader = requirePermission(actor, 'staff:read');
  const conditions: Array<SQL | undefined> = [inScope(reader)];
  if (query.node) {
    const node = await nodeInScope(ctx.db, reader, query.node);
    if (!node) return { items: [], total: 0 };
    conditions.push(sql`exists (select 1 from territory_nodes fn where fn.id = ${assignments.nodeId} and fn.path like ${node.path + '%'})`);
  }
  if (query.staff) conditions.push(eq(assignments.staffId, query.staff));
  if (query.tier) conditions.push(eq(assignments.tier, query.tier));
  if (query.on) conditions.push(activeOn(query.on));
  else if (query.history !== 'true') {
    const today = shanghaiDate(ctx.clock.now());
    conditions.push(or(isNull(assignments.endsOn), gte(assignments.endsOn, today)));
  }
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({ a: assignments })
      .from(assignments)
      .innerJoin(territoryNodes, eq(territoryNodes.id, assignments.nodeId))
      .where(where)
      .orderBy(territoryNodes.path, assignments.tier, desc(assignments.startsOn), assignments.id)
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(assignments).where(where),
  ]);
  return { items: await presentAssignments(ctx, rows.map((r) => r.a), reader, lang), total: Number(count?.n ?? 0) };
}

async function findInScope(db: Database, actor: StaffActor, id: string, forUpdate = false) {
  const query = db.select().from(assignments).where(and(eq(assignments.id, id), inScope(actor))).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function getAssignment(ctx: AppContext, actor: Actor, id: string, lang: Lang) {
  const reader = requirePermission(actor, 'staff:read');
  const row = await findInScope(ctx.db, reader, id);
  if (!row) throw assignmentNotFound();
  return (await presentAssignments(ctx, [row], reader, lang))[0]!;
}

/** True when [aStart, aEnd] and [bStart, bEnd] share a day (null end = open). ISO dates compare as strings. */
export function rangesOverlap(aStart: string, aEnd: string | null, bStart: string, bEnd: string | null): boolean {
  return (aEnd === null || aEnd >= bStart) && (bEnd === null || bEnd >= aStart);
}

function overlapConflict(): AppError {
  return new AppError('CONFLICT', {
    detail: { zh: '此人在该时间段内已以同一层级包联该地', en: 'This person already holds this node in this tier for an overlapping period' },
  });
}

/** Refuses an overlap with another row of the same staff + node + tier. Call with the staff row locked. */
async function checkNoOverlap(tx: Database, row: { staffId: string; nodeId: string; tier: AssignmentTier; startsOn: string; endsOn: string | null }, exceptId?: string) {
  const others = await tx
    .select({ startsOn: assignments.startsOn, endsOn: assignments.endsOn })
    .from(assignments)
    .where(and(eq(assignments.staffId, row.staffId), eq(assignments.nodeId, row.nodeId), eq(assignments.tier, row.tier), exceptId ? ne(assignments.id, exceptId) : undefined));
  if (others.some((o) => rangesOverlap(o.startsOn, o.endsOn, row.startsOn, row.endsOn))) throw overlapConflict();
}

function checkDates(startsOn: string, endsOn: string | null) {
  if (endsOn !== null && endsOn < startsOn) throw invalidField('endsOn', { zh: '结束日期不能早于开始日期', en: 'must not be before the start date' });
}

export async function createAssignment(ctx: AppContext, actor: Actor, input: z.infer<typeof createAssignmentBody>, lang: Lang) {
  const admin = requirePermission(actor, 'assignment:admin');
  const node = await nodeInScope(ctx.db, admin, input.nodeCode);
  if (!node || (node.level !== 'village' && node.level !== 'grid')) throw nodeNotFound();
  checkDates(input.startsOn, input.endsOn);
  const [facts] = await staffFacts(ctx.db, { ids: [input.staffId] });
  if (!facts) throw invalidField('staffId', { zh: '找不到该人员', en: 'no such staff member' });
  const refusal = assignmentRefusal(facts, node.path);
  if (refusal) throw invalidField('staffId', refusal);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // One writer per person at a time, so two overlapping creations cannot both pass the check.
    await tx.select({ id: staff.id }).from(staff).where(eq(staff.id, facts.id)).for('update');
    const values = { staffId: facts.id, nodeId: node.id, tier: input.tier, startsOn: input.startsOn, endsOn: input.endsOn };
    await checkNoOverlap(tx, values);
    await tx.insert(assignments).values({ id, ...values, note: input.note, createdAt: now, createdById: admin.id, updatedAt: now });
    // Who walks which households changes: the town's visit plan follows (debounced job).
    await emit(withDb(ctx, tx), 'assignments.changed', { nodeIds: [node.id], at: now });
    await recordAudit(tx, admin, { action: 'assignment.create', entityType: 'assignment', entityId: id, data: { ...values } }, now);
  });
  return getAssignment(ctx, admin, id, lang);
}

async function lockForChange(tx: Database, admin: StaffActor, id: string, version: number): Promise<AssignmentRow> {
  const row = await findInScope(tx, admin, id, true);
  if (!row) throw assignmentNotFound();
  if (row.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: row.version } });
  await tx.select({ id: staff.id }).from(staff).where(eq(staff.id, row.staffId)).for('update');
  return row;
}

/** Edits dates and note (staff, node and tier are the identity of an assignment: end it and create another). */
export async function updateAssignment(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof updateAssignmentBody>, lang: Lang) {
  const admin = requirePermission(actor, 'assignment:admin');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockForChange(tx, admin, id, input.version);
    const startsOn = input.startsOn ?? row.startsOn;
    const endsOn = input.endsOn !== undefined ? input.endsOn : row.endsOn;
    checkDates(startsOn, endsOn);
    const fields = (['startsOn', 'endsOn', 'note'] as const).filter((k) => input[k] !== undefined && input[k] !== row[k]);
    if (fields.length === 0) return;
    if (row.endedAt && (fields.includes('startsOn') || fields.includes('endsOn'))) {
      throw new AppError('CONFLICT', { detail: { zh: '已结束的包联只能修改备注', en: 'Only the note of an ended assignment can change' } });
    }
    await checkNoOverlap(tx, { ...row, startsOn, endsOn }, id);
    await tx
      .update(assignments)
      .set({ startsOn, endsOn, note: input.note !== undefined ? input.note : row.note, updatedAt: now, version: sql`${assignments.version} + 1` })
      .where(eq(assignments.id, id));
    await emit(withDb(ctx, tx), 'assignments.changed', { nodeIds: [row.nodeId], at: now });
    await recordAudit(tx, admin, { action: 'assignment.update', entityType: 'assignment', entityId: id, data: { fields, startsOn, endsOn } }, now);
  });
  return getAssignment(ctx, admin, id, lang);
}

/** Ends an assignment on a day (default today). The row stays: that is the history. */
export async function endAssignment(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof endAssignmentBody>, lang: Lang) {
  const admin = requirePermission(actor, 'assignment:admin');
  const now = ctx.clock.now();
  const endsOn = input.endsOn ?? shanghaiDate(now);
  await ctx.db.transaction(async (tx) => {
    const row = await lockForChange(tx, admin, id, input.version);
    if (row.endedAt) throw new AppError('CONFLICT', { detail: { zh: '该包联已结束', en: 'This assignment has already ended' } });
    if (endsOn < row.startsOn) throw invalidField('endsOn', { zh: '结束日期不能早于开始日期', en: 'must not be before the start date' });
    if (row.endsOn !== null && endsOn > row.endsOn) throw invalidField('endsOn', { zh: '不能晚于原定结束日期', en: 'must not be after the planned end date' });
    await tx
      .update(assignments)
      .set({ endsOn, endedAt: now, endedById: admin.id, note: input.note !== undefined ? input.note : row.note, updatedAt: now, version: sql`${assignments.version} + 1` })
      .where(eq(assignments.id, id));
    await emit(withDb(ctx, tx), 'assignments.changed', { nodeIds: [row.nodeId], at: now });
    await recordAudit(tx, admin, { action: 'assignment.end', entityType: 'assignment', entityId: id, data: { endsOn } }, now);
  });
  return getAssignment(ctx, admin, id, lang);
}

