import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { ScopedActor, StaffActor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import { openStatuses, resolvingStatuses, type CaseStatus } from './case-machine.js';
import type { CaseLevel, Colour } from '../categories/categories.tables.js';
import { caseEvents, cases, type Channel } from './cases.tables.js';

/**
 * The scope predicate every case query carries (DOMAIN.md "Scope"): cases located under one of
 * the actor's nodes or assigned below them — to a grid/village inside the actor's territory, or to
 * a person whose nodes lie inside it (a hotline case located at 江庄村 and dispatched to
 * 江庄村第一网格 is the grid worker's) — plus, for staff, cases assigned to the actor's unit or to
 * the actor in person. An API key has its nodes only. Anything else does not exist for them.
 */
export function caseScope(actor: ScopedActor): SQL {
  const clauses: SQL[] = actor.nodes.map((n) => sql`${cases.territoryPath} like ${n.path + '%'}`);
  if (actor.nodes.length) {
    const under = (column: SQL) => sql.join(actor.nodes.map((n) => sql`${column} like ${n.path + '%'}`), sql` or `);
    clauses.push(sql`(${cases.assigneeKind} = 'node' and exists (select 1 from territory_nodes an where an.id = ${cases.assigneeNodeId} and (${under(sql`an.path`)})))`);
    clauses.push(
      sql`(${cases.assigneeKind} = 'user' and exists (select 1 from staff_nodes asn join territory_nodes an on an.id = asn.node_id where asn.staff_id = ${cases.assigneeUserId} and (${under(sql`an.path`)})))`,
    );
  }
  if (actor.kind === 'staff') {
    if (actor.unitId) clauses.push(eq(cases.assigneeUnitId, actor.unitId));
    clauses.push(eq(cases.assigneeUserId, actor.id));
    // Parties summoned by a whistle (吹哨报到) see the case wherever it is (modules/whistles).
    const me = actor.unitId ? sql`(${actor.id}::uuid, ${actor.unitId}::uuid)` : sql`(${actor.id}::uuid)`;
    clauses.push(sql`exists (select 1 from whistle_parties wp where wp.case_id = ${cases.id} and wp.party_kind in ('user','unit') and wp.party_id in ${me})`);
  }
  if (clauses.length === 0) return sql`false`;
  return sql`(${sql.join(clauses, sql` or `)})`;
}

export async function findCaseInScope(db: Database, actor: ScopedActor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(cases).where(and(eq(cases.id, id), caseScope(actor))).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findCaseByNumber(db: Database, number: string) {
  const [row] = await db.select().from(cases).where(eq(cases.number, number)).limit(1);
  return row;
}

export async function findCaseByIdempotencyKey(db: Database, scope: string, key: string) {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.idempotencyScope, scope), eq(cases.idempotencyKey, key)))
    .limit(1);
  return row;
}

export async function eventsOfCase(db: Database, caseId: string) {
  return db
    .select({
      id: caseEvents.id,
      action: caseEvents.action,
      fromStatus: caseEvents.fromStatus,
      toStatus: caseEvents.toStatus,
      actorId: caseEvents.actorId,
      actorRole: caseEvents.actorRole,
      actorName: staff.displayName,
      note: caseEvents.note,
      data: caseEvents.data,
      createdAt: caseEvents.createdAt,
    })
    .from(caseEvents)
    .leftJoin(staff, eq(staff.id, caseEvents.actorId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.id));
}

/** Overdue: past the respond limit while still unaccepted, or past the resolve limit while being worked on. */
export function overdueCondition(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`(
    (${cases.status} = 'reported' and ${cases.respondBy} < ${at})
    or (${inArray(cases.status, [...resolvingStatuses])} and ${cases.resolveBy} < ${at}
        and (${cases.longTermUntil} is null or ${cases.longTermUntil} < ${at}))
  )`;
}

export interface CaseListFilter {
  statuses?: CaseStatus[] | undefined;
  levels?: CaseLevel[] | undefined;
  colours?: Colour[] | undefined;
  territoryPath?: string | undefined;
  categoryPrefix?: string | undefined;
  assignee?: { kind: 'me'; actor: StaffActor } | { kind: 'none' } | { kind: 'id'; id: string } | undefined;
  overdue?: boolean | undefined;
  text?: string | undefined;
  channels?: Channel[] | undefined;
  /** Reported at or after this instant (inclusive) / before this one (exclusive). */
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
  afterId?: string | undefined;
  limit: number;
  now: Date;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filter as conditions, the actor's scope first (the cursor is the caller's). */
function listConditions(actor: ScopedActor, filter: Omit<CaseListFilter, 'afterId' | 'limit'>): SQL[] {
  const where: SQL[] = [caseScope(actor)];
  if (filter.statuses?.length) where.push(inArray(cases.status, filter.statuses));
  if (filter.levels?.length) where.push(inArray(cases.level, filter.levels));
  if (filter.colours?.length) where.push(inArray(cases.colour, filter.colours));
  if (filter.territoryPath) where.push(sql`${cases.territoryPath} like ${filter.territoryPath + '%'}`);
  if (filter.categoryPrefix) where.push(sql`${cases.categoryCode} like ${escapeLike(filter.categoryPrefix) + '%'}`);
  if (filter.assignee?.kind === 'none') where.push(isNull(cases.assigneeKind));
  if (filter.assignee?.kind === 'id') {
    const id = filter.assignee.id;
    where.push(or(eq(cases.assigneeUserId, id), eq(cases.assigneeUnitId, id), eq(cases.assigneeNodeId, id))!);
  }
  if (filter.assignee?.kind === 'me') {
    const me = filter.assignee.actor;
    const mine: SQL[] = [eq(cases.assigneeUserId, me.id)];
    if (me.unitId) mine.push(eq(cases.assigneeUnitId, me.unitId));
    if (me.nodes.length) mine.push(inArray(cases.assigneeNodeId, me.nodes.map((n) => n.id)));
    where.push(or(...mine)!);
  }
  if (filter.overdue === true) where.push(overdueCondition(filter.now));
  if (filter.overdue === false) where.push(sql`not ${overdueCondition(filter.now)}`);
  if (filter.text) {
    const pattern = `%${escapeLike(filter.text)}%`;
    where.push(sql`(${cases.description} ilike ${pattern} or ${cases.number} ilike ${pattern} or ${cases.address} ilike ${pattern})`);
  }
  if (filter.channels?.length) where.push(inArray(cases.channel, filter.channels));
  if (filter.createdFrom) where.push(sql`${cases.createdAt} >= ${filter.createdFrom.toISOString()}::timestamptz`);
  if (filter.createdBefore) where.push(sql`${cases.createdAt} < ${filter.createdBefore.toISOString()}::timestamptz`);
  return where;
}

/** Keyset pagination on the UUIDv7 id (newest first). */
export async function listCases(db: Database, actor: ScopedActor, filter: CaseListFilter) {
  const where = listConditions(actor, filter);
  if (filter.afterId) where.push(lt(cases.id, filter.afterId));
  return db
    .select()
    .from(cases)
    .where(and(...where))
    .orderBy(desc(cases.id))
    .limit(filter.limit + 1);
}

/** How many cases in the actor's scope match the filter (every page). */
export async function countCases(db: Database, actor: ScopedActor, filter: Omit<CaseListFilter, 'afterId' | 'limit'>): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(and(...listConditions(actor, filter)));
  return Number(row?.n ?? 0);
}

export { openStatuses };
