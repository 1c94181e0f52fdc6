import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { trackingCodeFrom } from '../../platform/secrets.js';
import { ancestorsOf } from '../territory/index.js';
import { findCategory } from '../categories/index.js';
import { actionLabels, statusLabels, type CaseStatus } from './case-machine.js';
import { eventsOfCase, findCaseByNumber } from './cases.queries.js';
import type { CaseRow } from './cases.tables.js';
import type { RatingState } from './case-extension.js';
import type { VerificationRule } from '../categories/categories.tables.js';
import { casePhotos } from './case-photos.js';

/** Only these notes reach the public page: why it was rejected, and what was done. */
const publicNoteActions = new Set(['reject', 'handle']);

/** A fresh tracking code: 8 random characters from the unambiguous alphabet (32⁸ ≈ 10¹²). */
export function newTrackingCode(): string {
  return trackingCodeFrom(randomBytes(8));
}

/**
 * The case's tracking code: sealed on the case at intake (so replays and key rotations keep it);
 * cases from before that carry none and use the code derived from key 1, as it was then.
 */
export function trackingCodeOf(ctx: AppContext, row: Pick<CaseRow, 'id' | 'trackingCodeEncrypted'>): string | null {
  return row.trackingCodeEncrypted ? ctx.secrets.decrypt(row.trackingCodeEncrypted) : ctx.secrets.legacyTrackingCode(row.id);
}

/**
 * The case behind a number + tracking code, or 404 — the same 404 whether the number does not
 * exist or the code is wrong, compared in constant time.
 */
export async function findTrackedCase(ctx: AppContext, number: string, code: string) {
  const row = await findCaseByNumber(ctx.db, number);
  const expected = (row && trackingCodeOf(ctx, row)) ?? 'XXXXXXXX';
  const given = code.trim().toUpperCase();
  const matches = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!row || !matches) throw notFound({ zh: '案件编号或查询码不正确', en: 'Wrong case number or tracking code' });
  return row;
}

/**
 * The public view of a case by number + tracking code: status, area and timeline in plain
 * words, with no names, phones, exact places or staff identities. A wrong code is a 404,
 * indistinguishable from a number that does not exist.
 */
export async function trackCase(ctx: AppContext, number: string, code: string, lang: Lang) {
  return presentTrackedCase(ctx, await findTrackedCase(ctx, number, code), code, lang);
}

/** The public presentation of a case (also a signed-in resident's view of their own case). */
export async function presentTrackedCase(ctx: AppContext, row: CaseRow, code: string, lang: Lang) {
  const [events, ancestors, category, photoList] = await Promise.all([
    eventsOfCase(ctx.db, row.id),
    ancestorsOf(ctx.db, row.territoryPath, true),
    row.categoryCode ? findCategory(ctx, row.categoryCode) : undefined,
    casePhotos(ctx).ofCase(ctx.db, row.id),
  ]);
  const area = ancestors
    .filter((a) => a.level === 'town' || a.level === 'village')
    .map((a) => a.name)
    .join(' ');
  return {
    number: row.number,
    status: row.status,
    statusLabel: statusLabels[row.status][lang],
    category: category ? (lang === 'zh' ? category.nameZh : category.nameEn) : null,
    area,
    reportedAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    timeline: events.map((e) => ({
      at: e.createdAt.toISOString(),
      label: (actionLabels as Record<string, { zh: string; en: string }>)[e.action]?.[lang] ?? e.action,
      status: e.toStatus ? statusLabels[e.toStatus as CaseStatus][lang] : null,
      message: publicNoteActions.has(e.action) ? e.note : null,
    })),
    photos: casePhotos(ctx).publicRefs(row.number, code.trim().toUpperCase(), photoList),
    rating: await ratingState(ctx, row, category?.verification ?? 'on_site'),
  };
}

/** Rating is an extension's (modules/whistles); without it, nothing to rate. */
function ratingState(ctx: AppContext, row: CaseRow, verification: VerificationRule): Promise<RatingState> {
  const provide = ctx.caseExtensions.find((e) => e.ratingStateOf)?.ratingStateOf;
  return provide ? provide(ctx.db, row, verification) : Promise.resolve({ canRate: false, confirmsClosing: false, last: null });
}
