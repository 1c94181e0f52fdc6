import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { defineJob, enqueueJob } from '../../platform/jobs/jobs.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { activeAssignments } from '../assignments/index.js';
import { recordAudit, systemActor } from '../../platform/audit/audit.record.js';
import { workingCalendar } from '../calendar/index.js';
import { households } from '../households/households.tables.js';
import { actorCoversPath, requirePermission, type Actor } from '../../platform/actor.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { cadenceAt, cadenceRows, type Cadence } from './cadence-rules.js';
import { addDays, planVisits, type FixedItem, type PlannedVisit, type PlannerCadre, type PlannerHousehold } from './visit-planner.js';
import { visitPlanItems } from './visits.tables.js';

/** Tiers that walk households (每日走七户); town leaders (镇领导) supervise and are not planned. */
export const visitingTiers = ['village_member', 'town_cadre'] as const;

/** Changes within this window coalesce into one re-plan of the town. */
export const replanDebounceSeconds = 120;

/** Towns a change at `path` concerns: the town containing it, or every town under it. */
export async function townsUnder(db: Database, path: string) {
  return db
    .select({ id: territoryNodes.id, path: territoryNodes.path })
    .from(territoryNodes)
    .where(and(eq(territoryNodes.level, 'town'), sql`(${territoryNodes.path} like ${path + '%'} or ${path} like ${territoryNodes.path} || '%')`))
    .orderBy(territoryNodes.path);
}

/**
 * Asks for a re-plan of a town after a change (assignments, staff, households, cadence). Call it
 * with the change's transaction. Requests within a couple of minutes share one job (the dedupe key
 * names the window), so an import of 10,000 households re-plans once.
 */
export async function requestReplan(db: Database, townNodeId: string, now: Date): Promise<string | null> {
  const windowMs = replanDebounceSeconds * 1000;
  const runAt = new Date(Math.ceil(now.getTime() / windowMs) * windowMs);
  return enqueueJob(db, replanJob, { townNodeId }, { dedupeKey: `visits.replan:${townNodeId}:${runAt.toISOString()}`, runAt });
}

/** A re-plan of every town a change at `path` concerns (a household, an assignment, a staff member's nodes). */
export async function requestReplanAt(db: Database, path: string, now: Date): Promise<void> {
  for (const town of await townsUnder(db, path)) await requestReplan(db, town.id, now);
}

/** The "重新生成计划" button: a job due now, its own (no dedupe with other requests). */
export async function requestReplanNow(db: Database, townNodeId: string): Promise<string | null> {
  return enqueueJob(db, replanJob, { townNodeId }, { dedupeKey: `visits.replan:${townNodeId}:now:${newId()}` });
}

export interface ReplanReport {
  townNodeId: string;
  from: string;
  items: number;
  cadres: number;
  households: number;
  uncovered: number;
}

/** Everything the planner needs for one town, read outside the writing transaction. */
async function planInputs(ctx: AppContext, town: { id: string; path: string }, today: string) {
  const db = ctx.db;
  const nodes = await db
    .select({ id: territoryNodes.id, level: territoryNodes.level, parentId: territoryNodes.parentId, path: territoryNodes.path })
    .from(territoryNodes)
    .where(and(sql`${territoryNodes.path} like ${town.path + '%'}`, inArray(territoryNodes.level, ['village', 'grid'])));
  const gridsOfVillage = new Map<string, string[]>();
  const villagePathOfGrid = new Map<string, string>();
  const pathById = new Map(nodes.map((n) => [n.id, n.path]));
  for (const grid of nodes.filter((n) => n.level === 'grid')) {
    gridsOfVillage.set(grid.parentId!, [...(gridsOfVillage.get(grid.parentId!) ?? []), grid.id]);
    villagePathOfGrid.set(grid.id, pathById.get(grid.parentId!) ?? grid.path);
  }
  const assigned = (await activeAssignments(db, { nodeIds: nodes.map((n) => n.id), on: today })).filter((a) =>
    (visitingTiers as readonly string[]).includes(a.tier),
  );
  const gridsOfStaff = new Map<string, Set<string>>();
  for (const a of assigned) {
    const set = gridsOfStaff.get(a.staffId) ?? new Set<string>();
    for (const g of a.nodeLevel === 'village' ? (gridsOfVillage.get(a.nodeId) ?? []) : [a.nodeId]) set.add(g);
    gridsOfStaff.set(a.staffId, set);
  }
  const householdRows = await db
    .select({ id: households.id, gridId: households.gridId, tags: households.tags, lastVisitedAt: households.lastVisitedAt })
    .from(households)
    .where(and(sql`${households.territoryPath} like ${town.path + '%'}`, eq(households.isActive, true)));
  const kept = await db
    .select({ staffId: visitPlanItems.staffId, householdId: visitPlanItems.householdId, date: visitPlanItems.planDate, position: visitPlanItems.position })
    .from(visitPlanItems)
    .where(and(eq(visitPlanItems.townNodeId, town.id), gte(visitPlanItems.planDate, today), ne(visitPlanItems.status, 'planned')));
  return { gridsOfStaff, villagePathOfGrid, householdRows, kept, cadences: await cadenceRows(db) };
}

/** Plan days for a cadence from `today`: working days from the calendar, or every day. */
async function planDaysFor(db: Database, cadence: Cadence, today: string): Promise<string[]> {
  const calendar = await workingCalendar(db);
  const days: string[] = [];
  for (let i = 0; i < cadence.cycleDays; i++) {
    const day = addDays(today, i);
    if (!cadence.workingDaysOnly || calendar.isWorkingDay(day)) days.push(day);
  }
  return days;
}

/**
 * Re-plans one town from today (Shanghai) over one cycle: the `planned` items from today on are
 * replaced; past days, and visited or skipped items, stay as they were (and count against their
 * day). Villages with different cadences are planned apart, each with its own rule.
 */
export async function replanTown(ctx: AppContext, townNodeId: string): Promise<ReplanReport | null> {
  const [town] = await ctx.db.select().from(territoryNodes).where(and(eq(territoryNodes.id, townNodeId), eq(territoryNodes.level, 'town')));
  if (!town) return null;
  const today = shanghaiDate(ctx.clock.now());
  const input = await planInputs(ctx, town, today);
  const groups = new Map<string, { cadence: Cadence; households: PlannerHousehold[] }>();
  for (const h of input.householdRows) {
    const cadence = cadenceAt(input.cadences, input.villagePathOfGrid.get(h.gridId) ?? town.path);
    const key = `${cadence.householdsPerDay}/${cadence.cycleDays}/${cadence.workingDaysOnly}`;
    const group = groups.get(key) ?? { cadence, households: [] };
    group.households.push({ id: h.id, gridId: h.gridId, tags: h.tags, lastVisitedOn: h.lastVisitedAt ? shanghaiDate(h.lastVisitedAt) : null });
    groups.set(key, group);
  }
  const cadres: PlannerCadre[] = [...input.gridsOfStaff.entries()].map(([staffId, grids]) => ({ staffId, gridIds: [...grids] }));
  const fixed: FixedItem[] = input.kept.map(({ staffId, householdId, date }) => ({ staffId, householdId, date }));
  const planned: PlannedVisit[] = [];
  let uncovered = 0;
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    const planDays = await planDaysFor(ctx.db, group.cadence, today);
    const result = planVisits({ cadres, households: group.households, cadence: group.cadence, planDays, startDate: today, horizonDays: group.cadence.cycleDays, fixed });
    planned.push(...result.items);
    uncovered += result.uncovered.length;
  }
  const now = ctx.clock.now();
  const report: ReplanReport = { townNodeId, from: today, items: planned.length, cadres: cadres.length, households: input.householdRows.length, uncovered };
  await ctx.db.transaction(async (tx) => {
    // One re-plan of a town at a time, across processes; a second waits and then plans afresh.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'visits.replan:' + townNodeId}))`);
    await tx.delete(visitPlanItems).where(and(eq(visitPlanItems.townNodeId, townNodeId), gte(visitPlanItems.planDate, today), eq(visitPlanItems.status, 'planned')));
    // Kept items hold their places in the day; the new ones take the free places, in the planner's order.
    const taken = new Map<string, Set<number>>();
    for (const k of input.kept) taken.set(`${k.staffId}|${k.date}`, (taken.get(`${k.staffId}|${k.date}`) ?? new Set()).add(k.position));
    const rows = planned.map((p) => {
      const used = taken.get(`${p.staffId}|${p.date}`) ?? new Set<number>();
      let position = 1;
      while (used.has(position)) position += 1;
      taken.set(`${p.staffId}|${p.date}`, used.add(position));
      return { id: newId(), planDate: p.date, staffId: p.staffId, householdId: p.householdId, townNodeId, position, createdAt: now };
    });
    for (let i = 0; i < rows.length; i += 2000) await tx.insert(visitPlanItems).values(rows.slice(i, i + 2000));
    await recordAudit(tx, systemActor, { action: 'visit.replan', entityType: 'territory_node', entityId: townNodeId, data: { ...report } }, now);
  });
  return report;
}

/** Re-plans one town (payload `townNodeId`). Idempotent: running it twice gives the same plan. */
export const replanJob = defineJob<{ townNodeId: string }>({
  kind: 'visits.replan',
  maxAttempts: 3,
  async run(ctx, payload) {
    await replanTown(ctx, payload.townNodeId);
  },
});

/**
 * Every hour, asks once per day and town (the dedupe key carries the date) for a fresh plan, so
 * each morning's lists start from yesterday's visits and today's calendar.
 */
export const replanDailyJob = defineJob({
  kind: 'visits.replan-daily',
  everySeconds: 3600,
  async run(ctx) {
    const today = shanghaiDate(ctx.clock.now());
    // A household's path is /county/town/village/grid/: its third part is the town's code.
    const towns = await ctx.db
      .select({ id: territoryNodes.id })
      .from(territoryNodes)
      .where(
        and(
          eq(territoryNodes.level, 'town'),
          inArray(territoryNodes.code, ctx.db.selectDistinct({ code: sql<string>`split_part(${households.territoryPath}, '/', 3)` }).from(households)),
        ),
      )
      .orderBy(territoryNodes.code);
    for (const town of towns) await enqueueJob(ctx.db, replanJob, { townNodeId: town.id }, { dedupeKey: `visits.replan:${town.id}:day:${today}` });
  },
});

/**
 * "重新生成计划": queues a re-plan, due now, of the town of `nodeId` (or every town under it).
 * The node must lie under the caller's nodes (404 otherwise).
 */
export async function replanOnRequest(ctx: AppContext, actorInput: Actor, nodeId: string) {
  const actor = requirePermission(actorInput, 'visit:plan');
  const [node] = await ctx.db.select().from(territoryNodes).where(eq(territoryNodes.id, nodeId));
  if (!node || !actorCoversPath(actor, node.path)) throw notFound({ zh: '找不到该区划', en: 'No such territory node' });
  return ctx.db.transaction(async (tx) => {
    const towns = [];
    for (const town of await townsUnder(tx, node.path)) towns.push({ townNodeId: town.id, jobId: await requestReplanNow(tx, town.id) });
    await recordAudit(tx, actor, { action: 'visit.replan.request', entityType: 'territory_node', entityId: node.id, data: { towns: towns.length } }, ctx.clock.now());
    return { towns };
  });
}
