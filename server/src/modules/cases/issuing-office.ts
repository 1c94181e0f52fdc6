import { inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { Bilingual } from '../../platform/i18n.js';
import { countyCodeOf, isUnder, townCodeOf } from '../../platform/territory-path.js';
import { nodesOfStaff } from '../people/index.js';
import { territoryNodes } from '../territory/territory.tables.js';

/**
 * The office in whose name the papers of a case are issued — the dispatch slip (交办单) and the
 * supervision notice (督办单) alike: the 网格化服务管理中心 of the issuer's territory. An issuer holding
 * the county (a leader, the county center) issues as the county's centre; anyone else — a town center,
 * a village's staff, and the deadline sweep (no issuer) — as the centre of the town the case lies in
 * (villages and grids have no centre of their own). A case with no town is the county's.
 */
export async function issuingOffice(db: Database, casePath: string, issuerId: string | null): Promise<Bilingual> {
  const countyCode = countyCodeOf(casePath);
  const townCode = townCodeOf(casePath);
  const issuerNodes = issuerId ? ((await nodesOfStaff(db, [issuerId])).get(issuerId) ?? []) : [];
  const asCounty = !townCode || issuerNodes.some((n) => n.level === 'county' && isUnder(casePath, n.path));
  const code = asCounty ? countyCode : townCode;
  const [node] = code ? await db.select({ name: territoryNodes.name }).from(territoryNodes).where(inArray(territoryNodes.code, [code])).limit(1) : [];
  const name = node?.name ?? '';
  return { zh: `${name}网格化服务管理中心`, en: `${name} Grid Service and Management Centre` };
}
