import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { townCodeOf, villageCodeOf } from '../../platform/territory-path.js';
import { activeAssignments } from '../assignments/index.js';
import { staff, staffNodes, units } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { CaseRow } from '../cases/cases.tables.js';
import type { PartyKind, WhistleGrade } from './whistles.tables.js';

export interface SummonedParty {
  kind: PartyKind;
  id: string;
}

/** The village and town above a case, from its territory path. */
async function villageAndTown(db: Database, row: CaseRow) {
  const wanted = [townCodeOf(row.territoryPath), villageCodeOf(row.territoryPath)].filter((c): c is string => c !== undefined);
  const nodes = wanted.length ? await db.select().from(territoryNodes).where(inArray(territoryNodes.code, wanted)) : [];
  return { village: nodes.find((n) => n.level === 'village'), town: nodes.find((n) => n.level === 'town') };
}

/** Active cadres whose own nodes contain the village (when no 包联 assignment names one). */
async function cadresCovering(db: Database, villagePath: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: staff.id })
    .from(staff)
    .innerJoin(staffNodes, eq(staffNodes.staffId, staff.id))
    .innerJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId))
    .where(and(eq(staff.role, 'cadre'), eq(staff.isActive, true), sql`${villagePath} like ${territoryNodes.path} || '%'`));
  return rows.map((r) => r.id);
}

async function departmentsById(db: Database, ids: string[]): Promise<SummonedParty[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: units.id }).from(units).where(and(inArray(units.id, ids), eq(units.kind, 'department')));
  if (rows.length !== new Set(ids).size) {
    throw invalidField('departments', { zh: '有召集部门不存在或不是职能部门', en: 'a department does not exist or is not a department' });
  }
  return rows.map((r) => ({ kind: 'unit' as const, id: r.id }));
}

/**
 * Who a whistle of `grade` summons to the case (DOMAIN.md "Whistle and report", 小事村办、难点联办、重大提办):
 * - routine: the village committee (its community staff) and the village's 包挂 cadre
 *   (`town_cadre` assignment; otherwise cadres whose nodes cover the village);
 * - raised: the town office and the named departments;
 * - emergency: the town leader(s) (`town_leader` assignments on the village or town; otherwise the
 *   town office, i.e. the center) and the named departments.
 */
export async function partiesToSummon(db: Database, row: CaseRow, grade: WhistleGrade, departments: string[], onDay: string): Promise<SummonedParty[]> {
  const { village, town } = await villageAndTown(db, row);
  const place = grade === 'routine' ? village : town;
  if (!place) {
    throw new AppError('INVALID_TRANSITION', {
      detail: { zh: '案件尚未定位到村(社区)或镇(街道)，无法吹哨', en: 'The case is not located in a village or town yet; locate it first' },
    });
  }
  if (grade === 'routine') {
    if (departments.length) throw invalidField('departments', { zh: '基础哨不召集部门', en: 'a routine whistle summons no departments' });
    const assigned = (await activeAssignments(db, { nodeIds: [village!.id], on: onDay })).filter((a) => a.tier === 'town_cadre').map((a) => a.staffId);
    const cadres = assigned.length ? assigned : await cadresCovering(db, village!.path);
    return [{ kind: 'node', id: village!.id }, ...[...new Set(cadres)].map((id) => ({ kind: 'user' as const, id }))];
  }
  const depts = await departmentsById(db, departments);
  const [office] = town ? await db.select({ id: units.id }).from(units).where(and(eq(units.kind, 'office'), eq(units.territoryNodeId, town.id))).limit(1) : [];
  const officeParty: SummonedParty[] = office ? [{ kind: 'unit', id: office.id }] : [];
  if (grade === 'raised') {
    if (officeParty.length + depts.length === 0) throw invalidField('departments', { zh: '镇(街道)没有机关单位，请指定召集部门', en: 'the town has no office; name the departments' });
    return [...officeParty, ...depts];
  }
  const nodeIds = [village?.id, town?.id].filter((id): id is string => !!id);
  const leaders = [...new Set((await activeAssignments(db, { nodeIds, on: onDay })).filter((a) => a.tier === 'town_leader').map((a) => a.staffId))];
  const top = leaders.length ? leaders.map((id) => ({ kind: 'user' as const, id })) : officeParty;
  return [...top, ...depts];
}
