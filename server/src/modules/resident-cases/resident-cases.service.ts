import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { invalidField, notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { uuidPattern } from '../../platform/ids.js';
import type { ResidentActor } from '../../platform/actor.js';
import { pathCodes } from '../../platform/territory-path.js';
import { actionLabels, statusLabels, type CaseStatus, presentTrackedCase, trackingCodeOf } from '../cases/index.js';
import { caseEvents, cases, reporters, type CaseRow } from '../cases/cases.tables.js';

/**
 * The resident's phone as the reporters table may hold it: its keyed hash. During a key rotation
 * (more than one key in the ring) rows carry either key's hash, so their own phone is opened once
 * to hash it under every key; reporters are never decrypted to match.
 */
function phoneHashesOf(ctx: AppContext, resident: ResidentActor): string[] {
  if (ctx.secrets.keyIds.length <= 1) return [resident.phoneHash];
  return [...new Set([resident.phoneHash, ...ctx.secrets.lookupHashes(ctx.secrets.decrypt(resident.phoneEncrypted))])];
}

/** Cases whose reporter had the resident's phone, or that the resident reported while signed in. */
function ownedBy(ctx: AppContext, resident: ResidentActor): SQL {
  const mine = ctx.db
    .select({ id: reporters.id })
    .from(reporters)
    .where(or(inArray(reporters.phoneHash, phoneHashesOf(ctx, resident)), eq(reporters.residentId, resident.id)));
  return inArray(cases.reporterId, mine);
}

/** "江庄镇 江庄村": the town and village of a case, from the in-memory territory (never the exact place). */
export function areaOf(ctx: AppContext, row: CaseRow): string {
  return pathCodes(row.territoryPath)
    .map((code) => ctx.grids.current.nodesByCode.get(code))
    .filter((n) => n && (n.level === 'town' || n.level === 'village'))
    .map((n) => n!.name)
    .join(' ');
}

/** The newest event of each case, in one query. */
async function lastEvents(ctx: AppContext, caseIds: string[]) {
  if (caseIds.length === 0) return new Map<string, { action: string; toStatus: string | null; createdAt: Date }>();
  const rows = await ctx.db
    .selectDistinctOn([caseEvents.caseId], { caseId: caseEvents.caseId, action: caseEvents.action, toStatus: caseEvents.toStatus, createdAt: caseEvents.createdAt })
    .from(caseEvents)
    .where(inArray(caseEvents.caseId, caseIds))
    .orderBy(caseEvents.caseId, desc(caseEvents.id));
  return new Map(rows.map((r) => [r.caseId, r]));
}

/**
 * The signed-in resident's cases, newest first, one keyset page at a time: number and tracking
 * code, status, category, area and the latest step. No staff names, no exact places.
 */
export async function listResidentCases(ctx: AppContext, resident: ResidentActor, query: { limit: number; cursor?: string | undefined }, lang: Lang) {
  const afterId = query.cursor ? Buffer.from(query.cursor, 'base64url').toString('utf8') : undefined;
  if (afterId !== undefined && !uuidPattern.test(afterId)) throw invalidField('query.cursor', { zh: '分页游标无效', en: 'invalid cursor' });
  const rows = await ctx.db
    .select()
    .from(cases)
    .where(and(ownedBy(ctx, resident), afterId ? lt(cases.id, afterId) : undefined))
    .orderBy(desc(cases.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const latest = await lastEvents(ctx, page.map((r) => r.id));
  const labels = actionLabels as Record<string, { zh: string; en: string }>;
  return {
    items: page.map((row) => {
      const category = row.categoryCode ? ctx.categories.get(row.categoryCode) : undefined;
      const last = latest.get(row.id);
      return {
        id: row.id,
        number: row.number,
        trackingCode: trackingCodeOf(ctx, row) ?? '',
        status: row.status,
        statusLabel: statusLabels[row.status][lang],
        category: category ? (lang === 'zh' ? category.nameZh : category.nameEn) : null,
        description: row.description,
        area: areaOf(ctx, row),
        reportedAt: row.createdAt.toISOString(),
        closedAt: row.closedAt?.toISOString() ?? null,
        lastUpdate: last
          ? {
              at: last.createdAt.toISOString(),
              label: labels[last.action]?.[lang] ?? last.action,
              status: last.toStatus ? statusLabels[last.toStatus as CaseStatus][lang] : null,
            }
          : null,
      };
    }),
    nextCursor: rows.length > query.limit && page.length ? Buffer.from(page[page.length - 1]!.id).toString('base64url') : null,
  };
}

/** One of the resident's own cases, as the public tracking page shows it plus their description; 404 otherwise. */
export async function getResidentCase(ctx: AppContext, resident: ResidentActor, id: string, lang: Lang) {
  const [row] = await ctx.db.select().from(cases).where(and(eq(cases.id, id), ownedBy(ctx, resident))).limit(1);
  if (!row) throw notFound({ zh: '找不到该诉求', en: 'No such case' });
  const trackingCode = trackingCodeOf(ctx, row) ?? '';
  return { id: row.id, trackingCode, description: row.description, ...(await presentTrackedCase(ctx, row, trackingCode, lang)) };
}
