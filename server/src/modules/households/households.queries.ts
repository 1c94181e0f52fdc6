import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { maskName, maskPhone, type Secrets } from '../../platform/secrets.js';
import type { ScopedActor } from '../../platform/actor.js';
import { normalizePhone } from '../../platform/personal-data/normalize.js';
import { householdMembers, households, type HouseholdMemberRow, type HouseholdRow, type HouseholdTag } from './households.tables.js';
import type { ListHouseholdsQuery } from './households.schema.js';
import { maskIdNumber } from './id-number.js';

/** Households under one of the actor's nodes; anything else does not exist for them (404). */
export function householdScope(actor: ScopedActor): SQL {
  const clauses = actor.nodes.map((n) => sql`${households.territoryPath} like ${n.path + '%'}`);
  return clauses.length ? sql`(${sql.join(clauses, sql` or `)})` : sql`false`;
}

export const householdNotFound = () => notFound({ zh: '找不到该户', en: 'No such household' });

export async function findHouseholdInScope(db: Database, actor: ScopedActor, id: string, forUpdate = false): Promise<HouseholdRow> {
  const query = db.select().from(households).where(and(eq(households.id, id), householdScope(actor))).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw householdNotFound();
  return row;
}

const open = (secrets: Secrets, sealed: string | null) => (sealed ? secrets.decrypt(sealed) : null);

export function memberView(secrets: Secrets, m: HouseholdMemberRow) {
  const name = open(secrets, m.nameEncrypted);
  const phone = open(secrets, m.phoneEncrypted);
  const idNumber = open(secrets, m.idNumberEncrypted);
  return {
    id: m.id,
    name: name ? maskName(name) : null,
    phone: phone ? maskPhone(phone) : null,
    idNumber: idNumber ? maskIdNumber(idNumber) : null,
    relation: m.relation,
    tags: m.tags as HouseholdTag[],
    birthYear: m.birthYear,
    erased: m.erasedAt !== null,
  };
}

function householdView(ctx: AppContext, h: HouseholdRow, head: HouseholdMemberRow | undefined) {
  const index = ctx.grids.current;
  const grid = index.nodes.get(h.gridId);
  const village = grid?.parentId ? index.nodes.get(grid.parentId) : undefined;
  const headView = head ? memberView(ctx.secrets, head) : null;
  return {
    id: h.id,
    grid: { id: h.gridId, code: grid?.code ?? '', name: grid?.name ?? '' },
    village: village ? { code: village.code, name: village.name } : null,
    address: h.address,
    building: h.building,
    unit: h.unit,
    room: h.room,
    tags: h.tags as HouseholdTag[],
    memberCount: h.memberCount,
    head: headView ? { name: headView.name, phone: headView.phone } : null,
    lat: h.lat,
    lng: h.lng,
    lastVisitedAt: h.lastVisitedAt?.toISOString() ?? null,
    isActive: h.isActive,
  };
}

/** The head of each household (relation head, else the first member). */
async function headsOf(db: Database, ids: string[]): Promise<Map<string, HouseholdMemberRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(householdMembers)
    .where(inArray(householdMembers.householdId, ids))
    .orderBy(asc(householdMembers.householdId), sql`(${householdMembers.relation} <> 'head')`, asc(householdMembers.position));
  const heads = new Map<string, HouseholdMemberRow>();
  for (const r of rows) if (!heads.has(r.householdId)) heads.set(r.householdId, r);
  return heads;
}

export async function listHouseholds(ctx: AppContext, actor: ScopedActor, query: ListHouseholdsQuery) {
  const where: SQL[] = [householdScope(actor)];
  if (query.under) {
    const node = ctx.grids.current.nodesByCode.get(query.under);
    where.push(node ? sql`${households.territoryPath} like ${node.path + '%'}` : sql`false`);
  }
  if (query.tag) where.push(sql`${households.tags} @> array[${query.tag}]::text[]`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    where.push(sql`concat_ws(' ', ${households.address}, ${households.building}, ${households.unit}, ${households.room}) ilike ${like}`);
  }
  if (query.phone) {
    const hashes = ctx.secrets.lookupHashes(normalizePhone(query.phone));
    where.push(sql`exists (select 1 from ${householdMembers} m where m.household_id = ${households.id} and m.phone_hash in (${sql.join(hashes.map((h) => sql`${h}`), sql`, `)}))`);
  }
  if (query.active !== 'all') where.push(eq(households.isActive, query.active === 'true'));
  const condition = and(...where);
  const [{ total }] = (await ctx.db.select({ total: count() }).from(households).where(condition)) as [{ total: number }];
  const rows = await ctx.db
    .select()
    .from(households)
    .where(condition)
    .orderBy(asc(households.territoryPath), asc(households.address), asc(households.building), asc(households.unit), asc(households.room), asc(households.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const heads = await headsOf(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => householdView(ctx, r, heads.get(r.id))), total: Number(total), page: query.page, pageSize: query.pageSize };
}

export async function householdDetail(ctx: AppContext, actor: ScopedActor, id: string, db: Database = ctx.db) {
  const h = await findHouseholdInScope(db, actor, id);
  const members = await db.select().from(householdMembers).where(eq(householdMembers.householdId, id)).orderBy(asc(householdMembers.position), asc(householdMembers.id));
  const head = members.find((m) => m.relation === 'head') ?? members[0];
  return {
    ...householdView(ctx, h, head),
    members: members.map((m) => memberView(ctx.secrets, m)),
    version: h.version,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}
