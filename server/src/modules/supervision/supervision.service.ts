import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { openStatuses, findCaseInScope } from '../cases/index.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import type { Role } from '../../platform/roles.js';
import { issueSupervisionNotice } from './notice-issue.js';
import type { IssueNoticeBody, ListNoticesQuery, NoticeView } from './supervision.schema.js';
import { findNoticeInScope, listNotices, presentNotices } from './supervision.queries.js';
import { supervisionNotices } from './supervision.tables.js';

/** Who issues notices by hand (DOMAIN.md: leaders and centers supervise). */
export const noticeIssuerRoles: readonly Role[] = ['leader', 'center_operator'];

export const noticeNotFound = () => notFound({ zh: '找不到该督办单', en: 'No such supervision notice' });
const caseNotFound = () => notFound({ zh: '找不到该案件', en: 'No such case' });

export async function listSupervisionNotices(ctx: AppContext, actorInput: Actor, query: ListNoticesQuery) {
  const actor = requirePermission(actorInput, 'case:read');
  const { rows, total } = await listNotices(ctx.db, actor, query);
  return { items: await presentNotices(ctx.db, actor, rows), total };
}

/** The notices of one case (its detail page shows them); 404 when the case is outside the actor's scope. */
export async function noticesOfCase(ctx: AppContext, actorInput: Actor, caseId: string): Promise<NoticeView[]> {
  const actor = requirePermission(actorInput, 'case:read');
  if (!(await findCaseInScope(ctx.db, actor, caseId))) throw caseNotFound();
  const { rows } = await listNotices(ctx.db, actor, { caseId, limit: 200, offset: 0 });
  return presentNotices(ctx.db, actor, rows);
}

export async function getSupervisionNotice(ctx: AppContext, actorInput: Actor, id: string): Promise<NoticeView> {
  const actor = requirePermission(actorInput, 'case:read');
  const row = await findNoticeInScope(ctx.db, actor, id);
  if (!row) throw noticeNotFound();
  return (await presentNotices(ctx.db, actor, [row]))[0]!;
}

/** An addressee acknowledges (签收) with a reply. Once only: a second answer is 409. */
export async function acknowledgeNotice(ctx: AppContext, actorInput: Actor, id: string, reply: string): Promise<NoticeView> {
  const actor = requirePermission(actorInput, 'case:read');
  return ctx.db.transaction(async (tx) => {
    const row = await findNoticeInScope(tx, actor, id, { forUpdate: true });
    if (!row) throw noticeNotFound();
    if (!row.notice.addressedTo.includes(actor.id)) {
      throw new AppError('FORBIDDEN', { detail: { zh: '只有督办单的接收人可以签收', en: 'Only an addressee can acknowledge this notice' } });
    }
    if (row.notice.acknowledgedAt) {
      throw new AppError('INVALID_TRANSITION', { detail: { zh: '该督办单已签收', en: 'This notice is already acknowledged' } });
    }
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(supervisionNotices)
      .set({ acknowledgedAt: now, acknowledgedById: actor.id, reply })
      .where(eq(supervisionNotices.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'supervision.acknowledge', entityType: 'supervision_notice', entityId: id, data: { number: row.notice.number, caseId: row.notice.caseId } }, now);
    return (await presentNotices(tx, actor, [{ notice: updated!, caseNumber: row.caseNumber }]))[0]!;
  });
}

/** A leader or town center issues a notice by hand for an open case in their scope. */
export async function issueManualNotice(ctx: AppContext, actorInput: Actor, body: IssueNoticeBody): Promise<NoticeView> {
  const actor = requirePermission(actorInput, 'case:read');
  return ctx.db.transaction(async (tx) => {
    const caseRow = await findCaseInScope(tx, actor, body.caseId, { forUpdate: true });
    if (!caseRow) throw caseNotFound();
    if (!noticeIssuerRoles.includes(actor.role)) {
      throw new AppError('FORBIDDEN', { detail: { zh: '只有领导和镇(街道)治理中心可以下发督办单', en: 'Only leaders and town centers issue supervision notices' } });
    }
    if (!openStatuses.includes(caseRow.status)) {
      throw new AppError('INVALID_TRANSITION', { detail: { zh: '案件已结束，不能再督办', en: 'The case is finished; it cannot be supervised' } });
    }
    const now = ctx.clock.now();
    const replyBy = body.replyBy ? new Date(body.replyBy) : null;
    if (replyBy && replyBy <= now) throw invalidField('replyBy', { zh: '回复期限必须晚于现在', en: 'the reply deadline must be in the future' });
    let recipients: { staffIds: string[]; via: 'manual' } | undefined;
    if (body.addressedTo) {
      const ids = [...new Set(body.addressedTo)];
      const found = await tx.select({ id: staff.id }).from(staff).where(and(inArray(staff.id, ids), eq(staff.isActive, true)));
      if (found.length !== ids.length) throw invalidField('addressedTo', { zh: '有接收人不存在或已停用', en: 'an addressee does not exist or is inactive' });
      recipients = { staffIds: ids, via: 'manual' };
    }
    const notice = await issueSupervisionNotice(tx, { caseRow, kind: 'manual', now, dueAt: replyBy, issuedById: actor.id, note: body.note, ...(recipients ? { recipients } : {}) });
    if (notice.addressedTo.length === 0) {
      throw new AppError('INVALID_TRANSITION', { detail: { zh: '找不到上一级督办对象，请指定接收人', en: 'Nobody is one step up the ladder; choose the addressees' } });
    }
    await recordAudit(tx, actor, { action: 'supervision.issue', entityType: 'supervision_notice', entityId: notice.id, data: { number: notice.number, caseId: caseRow.id, caseNumber: caseRow.number, kind: 'manual', via: notice.via } }, now);
    return (await presentNotices(tx, actor, [{ notice, caseNumber: caseRow.number }]))[0]!;
  });
}
