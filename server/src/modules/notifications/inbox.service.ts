import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { cases, type CaseRow } from '../cases/cases.tables.js';
import type { StaffActor } from '../../platform/actor.js';
import type { NotificationView } from './notifications.schema.js';
import { notifications, type NotificationRow } from './notifications.tables.js';
import { renderEvent } from './render-event.js';

const notificationNotFound = () => notFound({ zh: '找不到该通知', en: 'No such notification' });

/** Inbox rows as the API shows them: rendered in `lang`, with the case number. */
export async function presentNotifications(ctx: AppContext, rows: NotificationRow[], lang: Lang): Promise<NotificationView[]> {
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((id): id is string => id !== null))];
  const caseRows = caseIds.length ? await ctx.db.select().from(cases).where(inArray(cases.id, caseIds)) : [];
  const byId = new Map<string, CaseRow>(caseRows.map((c) => [c.id, c]));
  return rows.map((r) => {
    const c = r.caseId ? byId.get(r.caseId) : undefined;
    const text = renderEvent(ctx, r, c, lang);
    return {
      id: r.id,
      type: r.type,
      caseId: r.caseId,
      caseNumber: c?.number ?? null,
      title: text.title,
      body: text.body,
      data: r.data,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    };
  });
}

export async function unreadCount(ctx: AppContext, staffId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.staffId, staffId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** The caller's own inbox, newest first; every query is keyed by their staff id (nobody else's rows exist here). */
export async function listMyNotifications(ctx: AppContext, actor: StaffActor, query: { unread: boolean; limit: number; before?: string }, lang: Lang) {
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.staffId, actor.id), query.unread ? isNull(notifications.readAt) : undefined, query.before ? lt(notifications.id, query.before) : undefined))
    .orderBy(desc(notifications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await presentNotifications(ctx, page, lang),
    unreadCount: await unreadCount(ctx, actor.id),
    nextBefore: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

/** Marks one of the caller's notifications read (again: no change). Another person's id is 404. */
export async function markRead(ctx: AppContext, actor: StaffActor, id: string, lang: Lang): Promise<NotificationView> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [found] = await tx.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.staffId, actor.id))).for('update');
    if (!found) throw notificationNotFound();
    if (found.readAt) return found;
    const [updated] = await tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, id)).returning();
    await recordAudit(tx, actor, { action: 'notification.read', entityType: 'notification', entityId: id }, now);
    return updated!;
  });
  return (await presentNotifications(ctx, [row], lang))[0]!;
}

export async function markAllRead(ctx: AppContext, actor: StaffActor): Promise<{ updated: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.staffId, actor.id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (updated.length > 0) await recordAudit(tx, actor, { action: 'notification.read-all', entityType: 'staff', entityId: actor.id, data: { count: updated.length } }, now);
    return { updated: updated.length };
  });
}
