import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { households } from '../households/households.tables.js';
import { requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { photos } from '../photos/photos.tables.js';
import { cadenceAt, cadenceRows } from './cadence-rules.js';
import { householdSummaries, membersMasked, presentVisits } from './visit-presenter.js';
import { householdNotFound, householdUnder, visitPaths } from './visit-scope.js';
import type { RecordVisitInput } from './visits.schema.js';
import { visitPhotos, visitPlanItems, visits, type VisitRow } from './visits.tables.js';

/** How far back a visit may be recorded (a phone offline over a long weekend still gets through). */
export const maxVisitAgeDays = 7;
/** Phones' clocks drift: a visit up to this many minutes "in the future" is accepted. */
const clockSkewMinutes = 5;

/** Today's list (今日走访) of the caller: the plan items of today, in order, with each household. */
export async function todayList(ctx: AppContext, actorInput: Actor, lang: Lang) {
  const actor = requirePermission(actorInput, 'visit:record');
  const today = shanghaiDate(ctx.clock.now());
  // On a day off there is no list: show the next planned day's, so a visit can still be made early.
  const [next] = await ctx.db
    .select({ date: visitPlanItems.planDate })
    .from(visitPlanItems)
    .where(and(eq(visitPlanItems.staffId, actor.id), gte(visitPlanItems.planDate, today)))
    .orderBy(asc(visitPlanItems.planDate))
    .limit(1);
  const date = next?.date ?? today;
  const items = await ctx.db
    .select({ item: visitPlanItems, household: households })
    .from(visitPlanItems)
    .innerJoin(households, eq(households.id, visitPlanItems.householdId))
    .where(and(eq(visitPlanItems.staffId, actor.id), eq(visitPlanItems.planDate, date)))
    .orderBy(asc(visitPlanItems.position), asc(visitPlanItems.id));
  const summaries = await householdSummaries(ctx, items.map((i) => i.household), lang);
  return {
    date,
    isToday: date === today,
    items: items.map(({ item }) => ({
      planItemId: item.id,
      position: item.position,
      status: item.status,
      visitId: item.visitId,
      household: summaries.get(item.householdId)!,
    })),
    done: items.filter((i) => i.item.status === 'visited').length,
    total: items.length,
  };
}

/** Where the caller may look at households: where they visit, and (for reading) their own territory. */
async function readablePaths(ctx: AppContext, actor: StaffActor): Promise<string[]> {
  const paths = await visitPaths(ctx.db, actor, shanghaiDate(ctx.clock.now()));
  return [...new Set([...paths, ...actor.nodes.map((n) => n.path)])];
}

/** One household with its members (masked) and its latest visits; 404 outside the caller's area. */
export async function householdDetail(ctx: AppContext, actorInput: Actor, householdId: string, lang: Lang) {
  const actor = requirePermission(actorInput, 'visit:read');
  const row = await householdUnder(ctx.db, householdId, await readablePaths(ctx, actor));
  const summary = (await householdSummaries(ctx, [row], lang)).get(row.id)!;
  const recent = await ctx.db.select().from(visits).where(eq(visits.householdId, row.id)).orderBy(desc(visits.visitedAt), desc(visits.id)).limit(20);
  return {
    household: summary,
    members: await membersMasked(ctx, row.id, lang),
    visits: await presentVisits(ctx, recent, new Map([[row.id, row.address]])),
  };
}

/** The caller's own visits, or one household's (in the caller's area), newest first. */
export async function listVisits(ctx: AppContext, actorInput: Actor, query: { householdId?: string | undefined; before?: string | undefined; limit: number }) {
  const actor = requirePermission(actorInput, 'visit:read');
  const where = [query.before ? lt(visits.id, query.before) : undefined];
  if (query.householdId) {
    await householdUnder(ctx.db, query.householdId, await readablePaths(ctx, actor));
    where.push(eq(visits.householdId, query.householdId));
  } else {
    where.push(eq(visits.staffId, actor.id));
  }
  const rows = await ctx.db
    .select()
    .from(visits)
    .where(and(...where))
    .orderBy(desc(visits.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const addresses = await addressesOf(ctx, page);
  return { items: await presentVisits(ctx, page, addresses), nextBefore: rows.length > query.limit ? page.at(-1)!.id : null };
}

async function addressesOf(ctx: AppContext, rows: readonly VisitRow[]) {
  const ids = [...new Set(rows.map((r) => r.householdId))];
  if (ids.length === 0) return new Map<string, string>();
  const found = await ctx.db.select({ id: households.id, address: households.address }).from(households).where(inArray(households.id, ids));
  return new Map(found.map((h) => [h.id, h.address]));
}

function checkVisitedAt(visitedAt: Date, now: Date) {
  if (visitedAt.getTime() > now.getTime() + clockSkewMinutes * 60_000) {
    throw invalidField('visitedAt', { zh: '走访时间不能晚于现在', en: 'visitedAt may not be in the future' });
  }
  if (visitedAt.getTime() < now.getTime() - maxVisitAgeDays * 86_400_000) {
    throw invalidField('visitedAt', { zh: `只能补录 ${maxVisitAgeDays} 天以内的走访`, en: `visits older than ${maxVisitAgeDays} days cannot be recorded` });
  }
}

/** The body's fingerprint, field by field in a fixed order (the instant normalised), for clientId replays. */
function visitHash(input: RecordVisitInput): string {
  const fields = [input.householdId, new Date(input.visitedAt).toISOString(), input.location ?? null, input.notes, input.raised, input.photoIds];
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

const replayMismatch = () =>
  new AppError('IDEMPOTENCY_KEY_REUSED', {
    detail: { zh: '此客户端编号已用于另一条不同的走访记录；新的走访请换一个编号', en: 'This clientId was used for a different visit; use a new clientId for a new visit' },
  });

export interface RecordResult {
  visit: Awaited<ReturnType<typeof presentVisits>>[number];
  isReplay: boolean;
}

/**
 * Records a visit (民情日记). Idempotent per caller and `clientId`, so the phone's offline queue may
 * send a visit twice: the same body returns the first visit, another body is 422. The household
 * must lie in the caller's visiting area (404 otherwise). In one transaction: the visit, its photos,
 * the household's `last_visited_at`, the plan item it fulfils, and the audit row.
 */
export async function recordVisit(ctx: AppContext, actorInput: Actor, input: RecordVisitInput): Promise<RecordResult> {
  const actor = requirePermission(actorInput, 'visit:record');
  const requestHash = visitHash(input);
  const replay = async (): Promise<RecordResult | null> => {
    const [existing] = await ctx.db.select().from(visits).where(and(eq(visits.staffId, actor.id), eq(visits.clientId, input.clientId)));
    if (!existing) return null;
    if (existing.requestHash !== requestHash) throw replayMismatch();
    const [visit] = await presentVisits(ctx, [existing], await addressesOf(ctx, [existing]));
    return { visit: visit!, isReplay: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const now = ctx.clock.now();
  const visitedAt = new Date(input.visitedAt);
  checkVisitedAt(visitedAt, now);
  const household = await householdUnder(ctx.db, input.householdId, await visitPaths(ctx.db, actor, shanghaiDate(now)));
  if (!household.isActive) throw householdNotFound();
  const cycleDays = cadenceAt(await cadenceRows(ctx.db), household.territoryPath).cycleDays;
  const id = newId();
  const inserted = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .insert(visits)
      .values({
        id,
        clientId: input.clientId,
        requestHash,
        householdId: household.id,
        staffId: actor.id,
        gridId: household.gridId,
        territoryPath: household.territoryPath,
        visitedAt,
        lat: input.location?.lat ?? null,
        lng: input.location?.lng ?? null,
        notes: input.notes,
        raised: input.raised,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: visits.id });
    // Another request with the same clientId won the race: answer as a replay after this rolls back.
    if (rows.length === 0) return false;
    await attachPhotos(tx, actor, id, input.photoIds);
    await tx
      .update(households)
      .set({ lastVisitedAt: sql`greatest(coalesce(${households.lastVisitedAt}, ${visitedAt}), ${visitedAt})` })
      .where(eq(households.id, household.id));
    await markPlanItem(tx, household.id, actor.id, id, shanghaiDate(visitedAt), cycleDays);
    const data = { householdId: household.id, photos: input.photoIds.length, raised: input.raised.length, hasLocation: !!input.location };
    await recordAudit(tx, actor, { action: 'visit.record', entityType: 'visit', entityId: id, data }, now);
    return true;
  });
  if (!inserted) return (await replay())!;
  const [row] = await ctx.db.select().from(visits).where(eq(visits.id, id));
  const [visit] = await presentVisits(ctx, [row!], new Map([[household.id, household.address]]));
  return { visit: visit!, isReplay: false };
}

/** Links uploaded photos to the visit: each must exist, be the caller's, and belong to no case or visit yet. */
async function attachPhotos(tx: AppContext['db'], actor: StaffActor, visitId: string, photoIds: readonly string[]) {
  if (photoIds.length === 0) return;
  const free = await tx
    .select({ id: photos.id })
    .from(photos)
    .leftJoin(visitPhotos, eq(visitPhotos.photoId, photos.id))
    .where(and(inArray(photos.id, [...photoIds]), isNull(photos.caseId), isNull(visitPhotos.photoId), eq(photos.uploadedById, actor.id)))
    .for('update', { of: photos });
  if (free.length !== photoIds.length) {
    throw invalidField('photoIds', {
      zh: '有照片不存在、不是您上传的，或已用于其他记录，请重新上传',
      en: 'a photo does not exist, was not uploaded by you, or is already used; upload it again',
    });
  }
  await tx.insert(visitPhotos).values(photoIds.map((photoId, position) => ({ photoId, visitId, position })));
}

/**
 * Marks the plan item the visit fulfils: the household's item of that day, else the latest one
 * missed within the cycle, else the next one ahead; the caller's own item first on each count.
 */
async function markPlanItem(tx: AppContext['db'], householdId: string, staffId: string, visitId: string, day: string, cycleDays: number) {
  await tx.execute(sql`
    update visit_plan_items set status = 'visited', visit_id = ${visitId}
    where id = (
      select id from visit_plan_items
      where household_id = ${householdId} and status = 'planned'
        and plan_date between ${day}::date - ${cycleDays}::int and ${day}::date + ${cycleDays}::int
      order by (plan_date = ${day}::date) desc, (plan_date < ${day}::date) desc,
        abs(plan_date - ${day}::date), (staff_id = ${staffId}) desc, id
      limit 1
      for update)`);
}
