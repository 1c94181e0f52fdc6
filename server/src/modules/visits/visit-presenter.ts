import { asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import { maskName, maskPhone } from '../../platform/secrets.js';
import { cases } from '../cases/cases.tables.js';
import { householdMembers, householdTagLabels, memberRelationLabels, type HouseholdRow, type HouseholdTag, type MemberRelation } from '../households/households.tables.js';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { visitCases, visitPhotos, type VisitRow } from './visits.tables.js';

/** Tag codes with their label in the caller's language (unknown codes shown as they are). */
export function tagsView(tags: readonly string[], lang: Lang) {
  return tags.map((code) => ({ code, label: householdTagLabels[code as HouseholdTag]?.[lang] ?? code }));
}

/** Opens a sealed value; an erased or unreadable one shows as nothing, never as ciphertext. */
function openMasked(ctx: AppContext, sealed: string | null, mask: (clear: string) => string): string | null {
  if (!sealed) return null;
  try {
    return mask(ctx.secrets.decrypt(sealed));
  } catch {
    return null;
  }
}

/**
 * The summaries of a few households, as a visitor sees them: address, grid, tags and the head of
 * household's name masked (张*). Clear names go through the privacy module's logged reveal only.
 */
export async function householdSummaries(ctx: AppContext, rows: readonly HouseholdRow[], lang: Lang) {
  if (rows.length === 0) return new Map<string, ReturnType<typeof summary>>();
  const gridIds = [...new Set(rows.map((r) => r.gridId))];
  const grids = await ctx.db.select({ id: territoryNodes.id, name: territoryNodes.name }).from(territoryNodes).where(inArray(territoryNodes.id, gridIds));
  const gridName = new Map(grids.map((g) => [g.id, g.name]));
  const members = await ctx.db
    .select({ householdId: householdMembers.householdId, nameEncrypted: householdMembers.nameEncrypted, relation: householdMembers.relation })
    .from(householdMembers)
    .where(inArray(householdMembers.householdId, rows.map((r) => r.id)))
    .orderBy(asc(householdMembers.position));
  // The head of household, else the first member listed.
  const head = new Map<string, { sealed: string | null; isHead: boolean }>();
  for (const m of members) {
    const current = head.get(m.householdId);
    if (!current || (!current.isHead && m.relation === 'head')) head.set(m.householdId, { sealed: m.nameEncrypted, isHead: m.relation === 'head' });
  }
  function summary(row: HouseholdRow) {
    return {
      id: row.id,
      address: row.address,
      building: row.building,
      unit: row.unit,
      room: row.room,
      gridId: row.gridId,
      gridName: gridName.get(row.gridId) ?? '',
      lat: row.lat,
      lng: row.lng,
      tags: tagsView(row.tags, lang),
      memberCount: row.memberCount,
      headName: openMasked(ctx, head.get(row.id)?.sealed ?? null, maskName),
      lastVisitedAt: row.lastVisitedAt?.toISOString() ?? null,
    };
  }
  return new Map(rows.map((r) => [r.id, summary(r)]));
}

/** The members of one household, masked. */
export async function membersMasked(ctx: AppContext, householdId: string, lang: Lang) {
  const rows = await ctx.db.select().from(householdMembers).where(eq(householdMembers.householdId, householdId)).orderBy(asc(householdMembers.position));
  return rows.map((m) => ({
    id: m.id,
    name: openMasked(ctx, m.nameEncrypted, maskName),
    relation: memberRelationLabels[m.relation as MemberRelation]?.[lang] ?? m.relation,
    phone: openMasked(ctx, m.phoneEncrypted, maskPhone),
    tags: tagsView(m.tags, lang),
  }));
}

/** Visits as the API shows them, with their author, photos and the cases raised from them. */
export async function presentVisits(ctx: AppContext, rows: readonly VisitRow[], addressOf: ReadonlyMap<string, string>) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const staffIds = [...new Set(rows.map((r) => r.staffId))];
  const [names, photoRows, caseRows] = await Promise.all([
    ctx.db.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, staffIds)),
    ctx.db.select().from(visitPhotos).where(inArray(visitPhotos.visitId, ids)).orderBy(asc(visitPhotos.position)),
    ctx.db
      .select({ visitId: visitCases.visitId, id: cases.id, number: cases.number })
      .from(visitCases)
      .innerJoin(cases, eq(cases.id, visitCases.caseId))
      .where(inArray(visitCases.visitId, ids))
      .orderBy(asc(cases.id)),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return rows.map((v) => ({
    id: v.id,
    clientId: v.clientId,
    householdId: v.householdId,
    address: addressOf.get(v.householdId) ?? '',
    staffId: v.staffId,
    staffName: nameOf.get(v.staffId) ?? '',
    visitedAt: v.visitedAt.toISOString(),
    lat: v.lat,
    lng: v.lng,
    notes: v.notes,
    raised: v.raised,
    photoIds: photoRows.filter((p) => p.visitId === v.id).map((p) => p.photoId),
    caseNumbers: caseRows.filter((c) => c.visitId === v.id).map((c) => ({ id: c.id, number: c.number })),
    createdAt: v.createdAt.toISOString(),
  }));
}
