import { and, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import type { ResidentActor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { areaOf } from '../resident-cases/index.js';
import { statusLabels } from '../cases/index.js';
import { cases, reporters, type CaseRow } from '../cases/cases.tables.js';
import { caseFollowers } from './duplicates.tables.js';
import { maskedSnippet } from './similarity.js';
import { finishedStatuses } from './candidates.js';

export type FollowerRating = 'satisfied' | 'fairlySatisfied' | 'dissatisfied';

/**
 * The resident's phone as reporter rows may hold it: its keyed hash (under every key during a rotation,
 * as 我的诉求 does), so a reporter who became a follower by a merge finds the case once signed in.
 */
function phoneHashesOf(ctx: AppContext, resident: ResidentActor): string[] {
  if (ctx.secrets.keyIds.length <= 1) return [resident.phoneHash];
  return [...new Set([resident.phoneHash, ...ctx.secrets.lookupHashes(ctx.secrets.decrypt(resident.phoneEncrypted))])];
}

/** Reporter rows that are the resident: reported while signed in, or with their phone. */
function reportersOf(ctx: AppContext, resident: ResidentActor) {
  return ctx.db
    .select({ id: reporters.id })
    .from(reporters)
    .where(or(eq(reporters.residentId, resident.id), inArray(reporters.phoneHash, phoneHashesOf(ctx, resident))));
}

/** Follow rows that are the resident's: by their account, or by a reporter row of theirs (a merge). */
function followsOf(ctx: AppContext, resident: ResidentActor): SQL {
  return or(eq(caseFollowers.residentId, resident.id), inArray(caseFollowers.reporterId, reportersOf(ctx, resident)))!;
}

/** Active followers per case. */
export async function followerCounts(db: Database, caseIds: string[]): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select({ caseId: caseFollowers.caseId, n: count() })
    .from(caseFollowers)
    .where(and(inArray(caseFollowers.caseId, caseIds), isNull(caseFollowers.unfollowedAt)))
    .groupBy(caseFollowers.caseId);
  return new Map(rows.map((r) => [r.caseId, Number(r.n)]));
}

const finished = new Set<string>(finishedStatuses);

async function caseToFollow(ctx: AppContext, caseId: string): Promise<CaseRow> {
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, caseId)).limit(1);
  if (!row) throw notFound({ zh: '找不到该诉求', en: 'No such case' });
  return row;
}

async function isOwnCase(ctx: AppContext, resident: ResidentActor, row: CaseRow): Promise<boolean> {
  if (!row.reporterId) return false;
  const mine = await reportersOf(ctx, resident);
  return mine.some((r) => r.id === row.reporterId);
}

async function followState(ctx: AppContext, row: CaseRow, isFollowing: boolean) {
  return { caseId: row.id, number: row.number, isFollowing, followerCount: (await followerCounts(ctx.db, [row.id])).get(row.id) ?? 0 };
}

/**
 * 附议: the signed-in resident follows an open case instead of reporting it again. Following again is a
 * no-op (nothing written); after an unfollow it follows again. 409 for a finished case or their own report.
 */
export async function followCase(ctx: AppContext, resident: ResidentActor, caseId: string) {
  const row = await caseToFollow(ctx, caseId);
  if (finished.has(row.status)) {
    throw new AppError('INVALID_TRANSITION', {
      detail: { zh: `诉求 ${row.number} 已${statusLabels[row.status].zh}，不能再附议`, en: `Case ${row.number} is ${statusLabels[row.status].en.toLowerCase()}; it cannot be followed` },
    });
  }
  if (await isOwnCase(ctx, resident, row)) {
    throw new AppError('CONFLICT', { detail: { zh: '这是您自己上报的诉求，无需附议', en: 'You reported this case yourself' } });
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(caseFollowers)
      .where(and(eq(caseFollowers.caseId, row.id), eq(caseFollowers.residentId, resident.id)))
      .for('update');
    if (existing && !existing.unfollowedAt) return;
    if (existing) await tx.update(caseFollowers).set({ unfollowedAt: null }).where(eq(caseFollowers.id, existing.id));
    else await tx.insert(caseFollowers).values({ id: newId(), caseId: row.id, residentId: resident.id, source: 'resident', createdAt: now });
    await recordAudit(tx, resident, { action: 'case.follow', entityType: 'case', entityId: row.id, data: { number: row.number } }, now);
  });
  return followState(ctx, row, true);
}

/** Stops following (the row stays, marked). 404 when the resident does not follow the case. */
export async function unfollowCase(ctx: AppContext, resident: ResidentActor, caseId: string) {
  const row = await caseToFollow(ctx, caseId);
  const now = ctx.clock.now();
  const changed = await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(caseFollowers)
      .set({ unfollowedAt: now })
      .where(and(eq(caseFollowers.caseId, row.id), followsOf(ctx, resident), isNull(caseFollowers.unfollowedAt)))
      .returning({ id: caseFollowers.id });
    if (updated.length > 0) await recordAudit(tx, resident, { action: 'case.unfollow', entityType: 'case', entityId: row.id, data: { number: row.number } }, now);
    return updated.length > 0;
  });
  if (!changed) throw notFound({ zh: '您没有附议此诉求', en: 'You do not follow this case' });
}

/**
 * A follower rates the result, once, when the case is handled or closed. Stored with the follow and
 * shown to staff; the case itself does not change (only the reporter's rating verifies or reopens it).
 */
export async function rateFollowedCase(ctx: AppContext, resident: ResidentActor, caseId: string, input: { rating: FollowerRating; comment?: string | undefined }) {
  const row = await caseToFollow(ctx, caseId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [follow] = await tx
      .select()
      .from(caseFollowers)
      .where(and(eq(caseFollowers.caseId, row.id), followsOf(ctx, resident), isNull(caseFollowers.unfollowedAt)))
      .limit(1)
      .for('update');
    if (!follow) throw notFound({ zh: '您没有附议此诉求', en: 'You do not follow this case' });
    if (row.status !== 'handled' && row.status !== 'closed') {
      throw new AppError('INVALID_TRANSITION', { detail: { zh: '诉求处置完毕或办结后才能评价', en: 'You can rate once the case is handled or closed' } });
    }
    if (follow.ratedAt) throw new AppError('CONFLICT', { detail: { zh: '您已经评价过了', en: 'You have already rated this case' } });
    await tx.update(caseFollowers).set({ rating: input.rating, ratingComment: input.comment ?? null, ratedAt: now }).where(eq(caseFollowers.id, follow.id));
    await recordAudit(tx, resident, { action: 'case.follow.rate', entityType: 'case', entityId: row.id, data: { number: row.number, rating: input.rating } }, now);
  });
  return followState(ctx, row, true);
}

/** 我的诉求 → 我附议的: the cases the resident follows (by choice or by a merge), newest follow first. */
export async function listFollowedCases(ctx: AppContext, resident: ResidentActor, lang: Lang) {
  const rows = await ctx.db
    .select({ follow: caseFollowers, c: cases })
    .from(caseFollowers)
    .innerJoin(cases, eq(cases.id, caseFollowers.caseId))
    .where(and(followsOf(ctx, resident), isNull(caseFollowers.unfollowedAt)))
    .orderBy(desc(caseFollowers.createdAt))
    .limit(200);
  const counts = await followerCounts(ctx.db, rows.map((r) => r.c.id));
  return {
    items: rows.map(({ follow, c }) => {
      const category = c.categoryCode ? ctx.categories.get(c.categoryCode) : undefined;
      return {
        caseId: c.id,
        number: c.number,
        status: c.status,
        statusLabel: statusLabels[c.status][lang],
        category: category ? (lang === 'zh' ? category.nameZh : category.nameEn) : null,
        summary: maskedSnippet(c.description, 80),
        area: areaOf(ctx, c),
        source: follow.source,
        followedAt: follow.createdAt.toISOString(),
        followerCount: counts.get(c.id) ?? 0,
        canRate: !follow.ratedAt && (c.status === 'handled' || c.status === 'closed'),
        rating: follow.rating,
        ratedAt: follow.ratedAt?.toISOString() ?? null,
      };
    }),
  };
}

/** The followers of a case as staff see them: how they came, when, and their rating — no phones, no names. */
export async function followersOfCase(ctx: AppContext, caseId: string) {
  const rows = await ctx.db
    .select({ follow: caseFollowers, fromNumber: cases.number })
    .from(caseFollowers)
    .leftJoin(cases, eq(cases.id, caseFollowers.mergedFromCaseId))
    .where(and(eq(caseFollowers.caseId, caseId), isNull(caseFollowers.unfollowedAt)))
    .orderBy(caseFollowers.createdAt);
  return {
    count: rows.length,
    items: rows.map(({ follow, fromNumber }) => ({
      id: follow.id,
      source: follow.source,
      hasAccount: follow.residentId !== null,
      mergedFromNumber: fromNumber,
      followedAt: follow.createdAt.toISOString(),
      rating: follow.rating,
      ratingComment: follow.ratingComment,
      ratedAt: follow.ratedAt?.toISOString() ?? null,
    })),
  };
}
