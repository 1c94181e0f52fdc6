import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { StaffActor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import { caseScope } from '../cases/index.js';
import { cases } from '../cases/cases.tables.js';
import type { ListNoticesQuery, NoticeView } from './supervision.schema.js';
import { supervisionNotices, type SupervisionNoticeRow } from './supervision.tables.js';

/** Notices on cases in the actor's scope, and notices addressed to them wherever the case now is. */
export function noticeScope(actor: StaffActor): SQL {
  return sql`(${caseScope(actor)} or ${supervisionNotices.addressedTo} @> ${JSON.stringify([actor.id])}::jsonb)`;
}

const shanghaiDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export async function listNotices(db: Database, actor: StaffActor, query: ListNoticesQuery & { caseId?: string }) {
  const where: SQL[] = [noticeScope(actor)];
  if (query.caseId) where.push(eq(supervisionNotices.caseId, query.caseId));
  if (query.unacknowledged === true) where.push(isNull(supervisionNotices.acknowledgedAt));
  if (query.unacknowledged === false) where.push(isNotNull(supervisionNotices.acknowledgedAt));
  if (query.kind) where.push(eq(supervisionNotices.kind, query.kind));
  if (query.mine) where.push(sql`${supervisionNotices.addressedTo} @> ${JSON.stringify([actor.id])}::jsonb`);
  if (query.from) where.push(gte(supervisionNotices.issuedAt, shanghaiDayStart(query.from)));
  if (query.to) where.push(lt(supervisionNotices.issuedAt, new Date(shanghaiDayStart(query.to).getTime() + 86_400_000)));
  const base = db
    .select({ notice: supervisionNotices, caseNumber: cases.number })
    .from(supervisionNotices)
    .innerJoin(cases, eq(cases.id, supervisionNotices.caseId))
    .where(and(...where));
  const [rows, [count]] = await Promise.all([
    base.orderBy(desc(supervisionNotices.issuedAt), desc(supervisionNotices.id)).limit(query.limit).offset(query.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(supervisionNotices).innerJoin(cases, eq(cases.id, supervisionNotices.caseId)).where(and(...where)),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function findNoticeInScope(db: Database, actor: StaffActor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ notice: supervisionNotices, caseNumber: cases.number })
    .from(supervisionNotices)
    .innerJoin(cases, eq(cases.id, supervisionNotices.caseId))
    .where(and(eq(supervisionNotices.id, id), noticeScope(actor)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: supervisionNotices }) : await query;
  return row;
}

/** Display names of the staff a set of notices mentions (staff names are not personal data here: they act in office). */
async function staffNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function presentNotices(db: Database, actor: StaffActor, rows: Array<{ notice: SupervisionNoticeRow; caseNumber: string }>): Promise<NoticeView[]> {
  const names = await staffNames(
    db,
    rows.flatMap(({ notice: n }) => [...n.addressedTo, ...(n.issuedById ? [n.issuedById] : []), ...(n.acknowledgedById ? [n.acknowledgedById] : [])]),
  );
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '—' } : null);
  return rows.map(({ notice: n, caseNumber }) => ({
    id: n.id,
    number: n.number,
    caseId: n.caseId,
    caseNumber,
    kind: n.kind,
    issuedAt: n.issuedAt.toISOString(),
    issuedBy: person(n.issuedById),
    addressees: n.addressedTo.map((id) => person(id)!),
    via: n.via,
    level: n.level,
    dueAt: n.dueAt?.toISOString() ?? null,
    overdueMinutes: n.overdueMinutes,
    note: n.note,
    autoEscalation: n.autoEscalation,
    escalatedToLevel: n.escalatedToLevel,
    acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: person(n.acknowledgedById),
    reply: n.reply,
    canAcknowledge: n.acknowledgedAt === null && n.addressedTo.includes(actor.id),
  }));
}
