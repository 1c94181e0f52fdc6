import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { caseNotFound, findCaseInScope } from '../cases/index.js';
import { cases, reporters } from '../cases/cases.tables.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import { checkReason } from '../../platform/personal-data/reasons.js';
import { recordReveal } from '../../platform/personal-data/record-reveal.js';
import { piiReveals } from './privacy.tables.js';
import type { ListRevealsQuery, RevealInput } from './privacy.schema.js';

export const reporterFields = ['name', 'phone'] as const;
export type ReporterField = (typeof reporterFields)[number];

/**
 * Shows a case reporter's name and/or phone in clear to a staff member with `pii:read`, for a
 * stated reason. Order of refusals: no permission 403, no reason 422, case outside scope 404,
 * anonymous case 404, erased person 410. The reveal row (who, whose, what, when, why, from where)
 * and the `pii.reveal` audit row are written in one transaction before the values leave.
 */
export async function revealReporter(ctx: AppContext, actorInput: Actor, caseId: string, input: RevealInput, ip: string | undefined) {
  const actor = requirePermission(actorInput, 'pii:read');
  const reason = checkReason(input.reason);
  const fields: ReporterField[] = input.fields?.length ? [...new Set(input.fields)] : [...reporterFields];
  return ctx.db.transaction(async (tx) => {
    const row = await findCaseInScope(tx, actor, caseId);
    if (!row) throw caseNotFound();
    if (!row.reporterId) {
      throw notFound({ zh: '此案件为匿名上报，没有上报人信息', en: 'This case was reported anonymously; there is no reporter to reveal' });
    }
    const [reporter] = await tx.select().from(reporters).where(eq(reporters.id, row.reporterId)).limit(1);
    if (!reporter) throw caseNotFound();
    if (reporter.erasedAt) {
      throw new AppError('PERSONAL_DATA_ERASED', {
        detail: {
          zh: `上报人的个人信息已于 ${reporter.erasedAt.toISOString().slice(0, 10)} 应本人要求删除，无法查看`,
          en: `The reporter's personal data was erased on request on ${reporter.erasedAt.toISOString().slice(0, 10)}; there is nothing to reveal`,
        },
      });
    }
    const sealed: Record<ReporterField, string | null> = { name: reporter.nameEncrypted, phone: reporter.phoneEncrypted };
    const revealed = fields.filter((f) => sealed[f] !== null);
    const at = ctx.clock.now();
    const id = await recordReveal(tx, actor, { subjectType: 'reporter', subjectId: reporter.id, caseId: row.id, fields: revealed, reason, ip, auditData: { caseId: row.id, caseNumber: row.number } }, at);
    return {
      revealId: id,
      caseId: row.id,
      caseNumber: row.number,
      fields: revealed,
      name: revealed.includes('name') ? ctx.secrets.decrypt(sealed.name!) : null,
      phone: revealed.includes('phone') ? ctx.secrets.decrypt(sealed.phone!) : null,
      revealedAt: at.toISOString(),
    };
  });
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw invalidField('query.cursor', { zh: '分页游标无效', en: 'invalid cursor' });
  return { at: date, id };
}

/**
 * The reveal log for administrators (`audit:read`): newest first, keyset-paginated, filtered
 * by staff member (id or username), case (id or number) and a time range [from, to).
 */
export async function listReveals(ctx: AppContext, actorInput: Actor, query: ListRevealsQuery) {
  requirePermission(actorInput, 'audit:read');
  const where: SQL[] = [];
  if (query.staff) where.push(/^[0-9a-f-]{36}$/i.test(query.staff) ? eq(piiReveals.staffId, query.staff) : eq(staff.username, query.staff));
  if (query.case) where.push(/^[0-9a-f-]{36}$/i.test(query.case) ? eq(piiReveals.caseId, query.case) : eq(cases.number, query.case));
  if (query.from) where.push(gte(piiReveals.at, new Date(query.from)));
  if (query.to) where.push(lt(piiReveals.at, new Date(query.to)));
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where.push(or(lt(piiReveals.at, c.at), and(eq(piiReveals.at, c.at), sql`${piiReveals.id} < ${c.id}`))!);
  }
  const rows = await ctx.db
    .select({
      id: piiReveals.id,
      at: piiReveals.at,
      staffId: piiReveals.staffId,
      staffName: staff.displayName,
      staffUsername: staff.username,
      staffRole: staff.role,
      subjectType: piiReveals.subjectType,
      subjectId: piiReveals.subjectId,
      caseId: piiReveals.caseId,
      caseNumber: cases.number,
      fields: piiReveals.fields,
      reason: piiReveals.reason,
      ip: piiReveals.ip,
    })
    .from(piiReveals)
    .innerJoin(staff, eq(staff.id, piiReveals.staffId))
    .leftJoin(cases, eq(cases.id, piiReveals.caseId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(piiReveals.at), desc(piiReveals.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      staff: { id: r.staffId, name: r.staffName, username: r.staffUsername, role: r.staffRole },
      subject: { type: r.subjectType, id: r.subjectId },
      case: r.caseId && r.caseNumber ? { id: r.caseId, number: r.caseNumber } : null,
      fields: r.fields,
      reason: r.reason,
      ip: r.ip,
    })),
    nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.at.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}
