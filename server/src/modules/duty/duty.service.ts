import { and, asc, eq, gt, gte, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { presentStaffByIds, staffFacts } from '../assignments/index.js';
import { requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { isUnder } from '../../platform/territory-path.js';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { dutyOfficersWithSource } from './duty-roster.js';
import type { copyWeekBody, createDutyShiftBody, dutyListQuery } from './duty.schema.js';
import { dutyShifts, type DutyShiftRow } from './duty.tables.js';

const dayMs = 24 * 60 * 60 * 1000;
const maxShiftMs = 48 * 60 * 60 * 1000;
const townNotFound = () => notFound({ zh: '找不到该镇(街道)', en: 'No such town' });
const shiftNotFound = () => notFound({ zh: '找不到该班次', en: 'No such shift' });

/** Midnight of a Shanghai calendar day. */
export const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

type Town = { id: string; code: string; name: string; path: string };

/**
 * A town the actor may read the roster of (their nodes contain it or lie in it) or — with
 * `manage` — edit it (`duty:admin` and their nodes contain it). Anything else is 404.
 */
async function townFor(db: Database, actor: StaffActor, by: { code?: string; id?: string }, manage: boolean): Promise<Town> {
  const [town] = await db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, path: territoryNodes.path })
    .from(territoryNodes)
    .where(and(by.code ? eq(territoryNodes.code, by.code) : eq(territoryNodes.id, by.id!), eq(territoryNodes.level, 'town')));
  const contains = town && actor.nodes.some((n) => isUnder(town.path, n.path));
  const within = town && actor.nodes.some((n) => isUnder(n.path, town.path));
  if (!town || !(contains || (!manage && within))) throw townNotFound();
  return town;
}

async function present(ctx: AppContext, rows: DutyShiftRow[], towns: Map<string, Town>, viewer: StaffActor, lang: Lang) {
  const people = await presentStaffByIds(ctx, rows.map((r) => r.staffId), viewer, lang);
  return rows.map((r) => {
    const town = towns.get(r.townNodeId)!;
    return {
      id: r.id,
      town: { id: town.id, code: town.code, name: town.name },
      staff: people.get(r.staffId)!,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      note: r.note,
      cancelledAt: r.cancelledAt?.toISOString() ?? null,
    };
  });
}

export async function listDutyShifts(ctx: AppContext, actor: Actor, query: z.infer<typeof dutyListQuery>, lang: Lang) {
  const reader = requirePermission(actor, 'staff:read');
  const town = await townFor(ctx.db, reader, { code: query.town }, false);
  const from = shanghaiMidnight(query.from);
  const to = new Date(shanghaiMidnight(query.to).getTime() + dayMs);
  if (to <= from) throw invalidField('to', { zh: '结束日期不能早于开始日期', en: 'must not be before from' });
  if (to.getTime() - from.getTime() > 62 * dayMs) throw invalidField('to', { zh: '一次最多查询 62 天', en: 'at most 62 days at a time' });
  const rows = await ctx.db
    .select()
    .from(dutyShifts)
    .where(and(eq(dutyShifts.townNodeId, town.id), lt(dutyShifts.startsAt, to), gt(dutyShifts.endsAt, from), query.cancelled === 'true' ? undefined : isNull(dutyShifts.cancelledAt)))
    .orderBy(asc(dutyShifts.startsAt), asc(dutyShifts.id));
  return { items: await present(ctx, rows, new Map([[town.id, town]]), reader, lang) };
}

/** Null when the person may stand duty for the town: an active account whose nodes or unit lie in the town. */
async function dutyRefusal(db: Database, staffId: string, town: Town) {
  const [facts] = await staffFacts(db, { ids: [staffId] });
  if (!facts) return { zh: '找不到该人员', en: 'no such staff member' };
  if (!facts.isActive) return { zh: '该账号已停用', en: 'this account is deactivated' };
  const inTown = (p: string | null) => !!p && isUnder(p, town.path);
  if (facts.nodePaths.some(inTown) || inTown(facts.unitPath)) return null;
  return { zh: '此人不属于该镇(街道)', en: 'this person does not belong to the town' };
}

/** The person's live shifts overlapping [startsAt, endsAt), in any town. */
async function overlapping(db: Database, staffId: string, startsAt: Date, endsAt: Date, exceptId?: string) {
  return db
    .select({ id: dutyShifts.id })
    .from(dutyShifts)
    .where(and(eq(dutyShifts.staffId, staffId), isNull(dutyShifts.cancelledAt), lt(dutyShifts.startsAt, endsAt), gt(dutyShifts.endsAt, startsAt), exceptId ? ne(dutyShifts.id, exceptId) : undefined));
}

export async function createDutyShift(ctx: AppContext, actor: Actor, input: z.infer<typeof createDutyShiftBody>, lang: Lang) {
  const admin = requirePermission(actor, 'duty:admin');
  const town = await townFor(ctx.db, admin, { code: input.townCode }, true);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw invalidField('endsAt', { zh: '结束时间须晚于开始时间', en: 'must be after the start' });
  if (endsAt.getTime() - startsAt.getTime() > maxShiftMs) throw invalidField('endsAt', { zh: '一个班次最长 48 小时', en: 'a shift lasts at most 48 hours' });
  const refusal = await dutyRefusal(ctx.db, input.staffId, town);
  if (refusal) throw invalidField('staffId', refusal);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // One writer per person, so two overlapping shifts cannot both pass the check.
    await tx.select({ id: staff.id }).from(staff).where(eq(staff.id, input.staffId)).for('update');
    if ((await overlapping(tx, input.staffId, startsAt, endsAt)).length > 0) {
      throw new AppError('CONFLICT', { detail: { zh: '此人在该时段已有值班', en: 'This person already has a shift overlapping that time' } });
    }
    await tx.insert(dutyShifts).values({ id, townNodeId: town.id, staffId: input.staffId, startsAt, endsAt, note: input.note, createdAt: now, createdById: admin.id });
    await recordAudit(tx, admin, { action: 'duty.create', entityType: 'duty_shift', entityId: id, data: { townNodeId: town.id, staffId: input.staffId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } }, now);
  });
  const [row] = await ctx.db.select().from(dutyShifts).where(eq(dutyShifts.id, id));
  return (await present(ctx, [row!], new Map([[town.id, town]]), admin, lang))[0]!;
}

/** Cancels a shift (the row stays, marked cancelled). Cancelling twice answers the same. */
export async function cancelDutyShift(ctx: AppContext, actor: Actor, id: string, lang: Lang) {
  const admin = requirePermission(actor, 'duty:admin');
  const now = ctx.clock.now();
  const [found] = await ctx.db.select().from(dutyShifts).where(eq(dutyShifts.id, id));
  if (!found) throw shiftNotFound();
  const town = await townFor(ctx.db, admin, { id: found.townNodeId }, true).catch(() => {
    throw shiftNotFound();
  });
  await ctx.db.transaction(async (tx) => {
    const cancelled = await tx
      .update(dutyShifts)
      .set({ cancelledAt: now, cancelledById: admin.id })
      .where(and(eq(dutyShifts.id, id), isNull(dutyShifts.cancelledAt)))
      .returning({ id: dutyShifts.id });
    if (cancelled.length > 0) await recordAudit(tx, admin, { action: 'duty.cancel', entityType: 'duty_shift', entityId: id }, now);
  });
  const [row] = await ctx.db.select().from(dutyShifts).where(eq(dutyShifts.id, id));
  return (await present(ctx, [row!], new Map([[town.id, town]]), admin, lang))[0]!;
}

/**
 * Copies a week's live shifts to another week, same weekdays and hours. A shift whose person is
 * deactivated or already has an overlapping shift is skipped (so copying twice adds nothing).
 */
export async function copyDutyWeek(ctx: AppContext, actor: Actor, input: z.infer<typeof copyWeekBody>) {
  const admin = requirePermission(actor, 'duty:admin');
  const town = await townFor(ctx.db, admin, { code: input.townCode }, true);
  if (input.fromWeek === input.toWeek) throw invalidField('toWeek', { zh: '目标周不能与来源周相同', en: 'must differ from fromWeek' });
  const from = shanghaiMidnight(input.fromWeek);
  const shift = shanghaiMidnight(input.toWeek).getTime() - from.getTime();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const source = await tx
      .select({ s: dutyShifts, active: staff.isActive })
      .from(dutyShifts)
      .innerJoin(staff, eq(staff.id, dutyShifts.staffId))
      .where(and(eq(dutyShifts.townNodeId, town.id), isNull(dutyShifts.cancelledAt), gte(dutyShifts.startsAt, from), lt(dutyShifts.startsAt, new Date(from.getTime() + 7 * dayMs))))
      .orderBy(asc(dutyShifts.startsAt));
    const ids = [...new Set(source.map((r) => r.s.staffId))].sort();
    if (ids.length > 0) await tx.select({ id: staff.id }).from(staff).where(inArray(staff.id, ids)).orderBy(staff.id).for('update');
    let created = 0;
    for (const { s, active } of source) {
      const startsAt = new Date(s.startsAt.getTime() + shift);
      const endsAt = new Date(s.endsAt.getTime() + shift);
      if (!active || (await overlapping(tx, s.staffId, startsAt, endsAt)).length > 0) continue;
      await tx.insert(dutyShifts).values({ id: newId(), townNodeId: town.id, staffId: s.staffId, startsAt, endsAt, note: s.note, createdAt: now, createdById: admin.id });
      created += 1;
    }
    const skipped = source.length - created;
    await recordAudit(tx, admin, { action: 'duty.copy_week', entityType: 'town', entityId: town.id, data: { fromWeek: input.fromWeek, toWeek: input.toWeek, created, skipped } }, now);
    return { created, skipped };
  });
}

/** Who is on duty for the town now (or at `at`), and whether that is the roster or the fallback. */
export async function onDuty(ctx: AppContext, actor: Actor, query: { town: string; at?: string | undefined }, lang: Lang) {
  const reader = requirePermission(actor, 'staff:read');
  const town = await townFor(ctx.db, reader, { code: query.town }, false);
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const { staffIds: ids, via } = await dutyOfficersWithSource(ctx.db, town.id, at);
  const people = await presentStaffByIds(ctx, ids, reader, lang);
  return { at: at.toISOString(), staff: ids.map((id) => people.get(id)!), via };
}
