import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { invalidField, notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { caseScope, statusLabels, type CaseStatus } from '../cases/index.js';
import { cases, type CaseRow } from '../cases/cases.tables.js';
import { toWgs84 } from '../territory/index.js';
import { findCandidates, finishedStatuses, type Candidate } from './candidates.js';
import { ruleFor } from './duplicate-rules.js';
import { followerCounts } from './follows.service.js';
import { maskedSnippet } from './similarity.js';

/** At most this many candidates are shown to a resident (the best ones). */
const publicLimit = 3;
const staffLimit = 10;
/** Staff lists leave out nearby cases with (almost) no words in common: they are noise beside the candidates. */
const staffMinSimilarity = 0.1;

function categoryName(ctx: AppContext, code: string | null, lang: Lang): string | null {
  const category = code ? ctx.categories.get(code) : undefined;
  return category ? (lang === 'zh' ? category.nameZh : category.nameEn) : null;
}

function staffItem(ctx: AppContext, c: Candidate, followers: Map<string, number>, lang: Lang) {
  return {
    id: c.row.id,
    number: c.row.number,
    category: categoryName(ctx, c.row.categoryCode, lang),
    categoryCode: c.row.categoryCode,
    status: c.row.status,
    statusLabel: statusLabels[c.row.status][lang],
    description: c.row.description,
    address: c.row.address,
    reportedAt: c.row.createdAt.toISOString(),
    distanceM: c.distanceM,
    daysAgo: c.daysAgo,
    similarity: c.similarity,
    followerCount: followers.get(c.row.id) ?? 0,
    sameCategory: c.sameCategory,
    sharedWords: c.sharedWords,
    score: c.score,
    isLikely: c.isLikely,
  };
}

/**
 * Open cases near a report being written (the resident's phone form, the console's new-case form), before it
 * is sent. Staff get the cases in their scope with every reason; anyone else (residents, the public, API
 * keys) only the likely duplicates (score and text similarity over the thresholds), with non-personal facts: number, category, status, a short
 * description with digits masked, distance rounded to 10 m, whole days, follower count.
 */
export async function similarForReport(
  ctx: AppContext,
  actor: Actor,
  input: { description: string; lat: number; lng: number; crs: 'wgs84' | 'gcj02' | 'bd09'; categoryCode?: string | undefined },
  lang: Lang,
) {
  if (input.categoryCode && !ctx.categories.get(input.categoryCode)) {
    throw invalidField('categoryCode', { zh: `小类 ${input.categoryCode} 不存在`, en: `category ${input.categoryCode} does not exist` });
  }
  const point = toWgs84(input.lng, input.lat, input.crs);
  const rule = await ruleFor(ctx.db, input.categoryCode);
  const probe = { lat: point.lat, lng: point.lng, description: input.description, categoryCode: input.categoryCode ?? null, at: ctx.clock.now() };
  if (actor.kind === 'staff') {
    const found = (await findCandidates(ctx.db, probe, rule, caseScope(actor))).filter((c) => c.similarity >= staffMinSimilarity).slice(0, staffLimit);
    const followers = await followerCounts(ctx.db, found.map((c) => c.row.id));
    return { view: 'staff' as const, rule, items: found.map((c) => staffItem(ctx, c, followers, lang)) };
  }
  const found = (await findCandidates(ctx.db, probe, rule)).filter((c) => c.isLikely).slice(0, publicLimit);
  const followers = await followerCounts(ctx.db, found.map((c) => c.row.id));
  return {
    view: 'public' as const,
    rule,
    items: found.map((c) => ({
      id: c.row.id,
      number: c.row.number,
      category: categoryName(ctx, c.row.categoryCode, lang),
      status: c.row.status,
      statusLabel: statusLabels[c.row.status][lang],
      summary: maskedSnippet(c.row.description),
      distanceM: Math.max(10, Math.round(c.distanceM / 10) * 10),
      daysAgo: Math.max(0, Math.floor(c.daysAgo)),
      similarity: Math.round(c.similarity * 100) / 100,
      followerCount: followers.get(c.row.id) ?? 0,
    })),
  };
}

async function candidatesOfCase(ctx: AppContext, actor: StaffActor, row: CaseRow) {
  if (row.lat === null || row.lng === null) return null;
  const rule = await ruleFor(ctx.db, row.categoryCode);
  const probe = { lat: row.lat, lng: row.lng, description: row.description, categoryCode: row.categoryCode, at: row.createdAt, excludeId: row.id };
  return { rule, found: await findCandidates(ctx.db, probe, rule, caseScope(actor)) };
}

/** Likely and possible duplicates of a case, for its page (404 outside the caller's scope, like the case). */
export async function duplicatesOfCase(ctx: AppContext, actor: Actor, caseId: string, lang: Lang) {
  const staff = requirePermission(actor, 'case:read');
  const [row] = await ctx.db.select().from(cases).where(and(eq(cases.id, caseId), caseScope(staff))).limit(1);
  if (!row) throw notFound({ zh: '找不到该案件', en: 'No such case' });
  const result = await candidatesOfCase(ctx, staff, row);
  if (!result) return { rule: null, items: [] };
  const shown = result.found.filter((c) => c.similarity >= staffMinSimilarity).slice(0, staffLimit);
  const followers = await followerCounts(ctx.db, shown.map((c) => c.row.id));
  return { rule: result.rule, items: shown.map((c) => staffItem(ctx, c, followers, lang)) };
}

const finished = new Set<CaseStatus>(finishedStatuses);

/**
 * The inbox's "疑似重复" badges: for each of the page's cases (in scope, still open, with a point), how
 * many likely duplicates it has and the best one. Cases outside the scope are left out, not refused.
 */
export async function duplicateFlags(ctx: AppContext, actor: Actor, caseIds: string[]) {
  const staff = requirePermission(actor, 'case:read');
  const rows = await ctx.db
    .select()
    .from(cases)
    .where(and(inArray(cases.id, [...new Set(caseIds)]), caseScope(staff)));
  const items = [];
  for (const row of rows) {
    if (finished.has(row.status)) continue;
    const result = await candidatesOfCase(ctx, staff, row);
    const likely = result?.found.filter((c) => c.isLikely) ?? [];
    if (likely.length > 0) items.push({ caseId: row.id, likelyCount: likely.length, best: { id: likely[0]!.row.id, number: likely[0]!.row.number, score: likely[0]!.score } });
  }
  return { items };
}
