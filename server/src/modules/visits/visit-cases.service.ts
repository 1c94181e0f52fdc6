import { and, asc, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { createCase } from '../cases/index.js';
import type { CreateCaseInput } from '../cases/index.js';
import type { CaseRow } from '../cases/cases.tables.js';
import { households, type HouseholdRow } from '../households/households.tables.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { photos } from '../photos/photos.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { RaiseCaseInput } from './visits.schema.js';
import { underPaths, visitPaths } from './visit-scope.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { isUnder } from '../../platform/territory-path.js';
import { visitCases, visitPhotos, visits, type VisitRow } from './visits.tables.js';
import { suggestCategory } from './category-suggestion.js';
import { actorPhotoClaim } from '../photos/index.js';

const visitNotFound = () => notFound({ zh: '找不到该走访记录', en: 'No such visit' });

/**
 * Where the case is: the point where the visitor stood (the visit's GPS) when the grid index puts
 * it in a grid of the visitor's area, else the household's point when it lies in the household's
 * own grid, else the household's grid; the address always goes along.
 */
async function visitLocation(ctx: AppContext, visit: VisitRow, household: HouseholdRow, paths: readonly string[]): Promise<NonNullable<CreateCaseInput['location']>> {
  const address = household.address.length >= 2 ? household.address : undefined;
  if (visit.lat !== null && visit.lng !== null) {
    const hit = ctx.grids.current.locate(visit.lng, visit.lat);
    if (hit && paths.some((p) => isUnder(hit.grid.path, p))) return { lat: visit.lat, lng: visit.lng, crs: 'wgs84', ...(address ? { address } : {}) };
  }
  if (household.lat !== null && household.lng !== null) {
    const hit = ctx.grids.current.locate(household.lng, household.lat);
    if (hit && (hit.grid.id === household.gridId || hit.basicGrid?.id === household.gridId)) {
      return { lat: household.lat, lng: household.lng, crs: 'wgs84', ...(address ? { address } : {}) };
    }
  }
  const [grid] = await ctx.db.select({ code: territoryNodes.code }).from(territoryNodes).where(eq(territoryNodes.id, household.gridId));
  return { crs: 'wgs84', gridCode: grid!.code, ...(address ? { address } : {}) };
}

/**
 * "发现问题，一键上报": raises a case from a finding of a visit in the caller's visiting area
 * (their own, or a colleague's in the same grid; 404 elsewhere), through the
 * ordinary intake (channel `visit`, so numbering, deadlines, scope and audit are the same), located
 * where the visitor stood (or at the household), with a category (chosen or suggested), and linked to the visit and the household in the same transaction. Without
 * `photoIds` the visit's photos that no case holds yet go with it. An Idempotency-Key makes a
 * double tap raise one case.
 */
export async function raiseCaseFromVisit(ctx: AppContext, actorInput: Actor, visitId: string, input: RaiseCaseInput, idempotencyKey?: string) {
  const actor = requirePermission(actorInput, 'visit:record');
  const paths = await visitPaths(ctx.db, actor, shanghaiDate(ctx.clock.now()));
  const [visit] = await ctx.db.select().from(visits).where(and(eq(visits.id, visitId), underPaths(visits.territoryPath, paths)));
  if (!visit) throw visitNotFound();
  const [household] = await ctx.db.select().from(households).where(eq(households.id, visit.householdId));
  if (!household) throw visitNotFound();
  const visitPhotoIds = (
    await ctx.db
      .select({ id: visitPhotos.photoId })
      .from(visitPhotos)
      .innerJoin(photos, eq(photos.id, visitPhotos.photoId))
      .where(and(eq(visitPhotos.visitId, visit.id), isNull(photos.caseId)))
      .orderBy(asc(visitPhotos.position))
  ).map((p) => p.id);
  const photoIds = input.photoIds ?? visitPhotoIds;
  // The visit's photos go with it whoever took them; any other photo must be the caller's own upload.
  const photoClaim = { ...actorPhotoClaim(actor), alsoIds: visitPhotoIds };
  // Chosen in the raise form, else suggested from the text; the center can still correct it at acceptance.
  const categoryCode = input.categoryCode ?? (await suggestCategory(ctx.db, input.description));
  const body: CreateCaseInput = {
    channel: 'visit',
    description: input.description,
    demandType: input.demandType,
    ...(categoryCode ? { categoryCode } : {}),
    location: await visitLocation(ctx, visit, household, paths),
    isAnonymous: false,
    photoIds,
  };
  const now = ctx.clock.now();
  // Linked to the visit and the household in intake's own transaction (a replay was linked the first time).
  const linkToVisit = async (tx: Database, row: CaseRow) => {
    const linked = await tx
      .insert(visitCases)
      .values({ caseId: row.id, visitId: visit.id, householdId: household.id, createdAt: now })
      .onConflictDoNothing()
      .returning({ caseId: visitCases.caseId });
    if (linked.length > 0) {
      await recordAudit(tx, actor, { action: 'visit.case', entityType: 'visit', entityId: visit.id, data: { caseId: row.id, householdId: household.id } }, now);
    }
  };
  const { row } = await createCase(ctx, actor, body, { idempotencyKey, photoClaim, alongside: linkToVisit });
  return { caseId: row.id, number: row.number, visitId: visit.id, householdId: household.id, status: row.status };
}
