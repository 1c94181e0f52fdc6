import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { invalidField } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { uuidPattern } from '../../platform/ids.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import type { AuditListQuery } from './audit.schema.js';
import { auditLog } from '../../platform/audit/audit.tables.js';
import { verifyAuditChain } from './audit.verify.js';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!uuidPattern.test(id)) throw invalidField('query.cursor', { zh: '分页游标无效', en: 'invalid cursor' });
  return id;
}

/**
 * The audit trail, newest first (by id: UUIDv7 follows the time of writing), filtered, one keyset
 * page at a time. For administrators (`audit:read`); rows carry references, so nothing personal shows.
 */
export async function listAuditEntries(ctx: AppContext, actorInput: Actor, query: AuditListQuery) {
  requirePermission(actorInput, 'audit:read');
  const where: SQL[] = [];
  if (query.action) where.push(sql`${auditLog.action} like ${escapeLike(query.action) + '%'}`);
  if (query.actorId) where.push(eq(auditLog.actorId, query.actorId));
  if (query.entityType) where.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.from) where.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) where.push(lt(auditLog.at, new Date(query.to)));
  if (query.cursor) where.push(lt(auditLog.id, decodeCursor(query.cursor)));
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  // Staff names in one query: the actors, and the staff accounts entries are about (user.update…).
  const staffIds = [
    ...new Set([
      ...page.filter((r) => r.actorKind === 'staff' && r.actorId).map((r) => r.actorId!),
      ...page.filter((r) => r.entityType === 'staff' && r.entityId).map((r) => r.entityId!),
    ]),
  ].filter((id) => uuidPattern.test(id));
  const names = new Map(
    staffIds.length
      ? (await ctx.db.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, staffIds))).map((s) => [s.id, s.name])
      : [],
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { kind: r.actorKind, id: r.actorId, name: r.actorKind === 'staff' && r.actorId ? (names.get(r.actorId) ?? null) : null },
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      entityName: r.entityType === 'staff' && r.entityId ? (names.get(r.entityId) ?? null) : null,
      data: r.data,
      ip: r.ip,
      seq: r.seq,
      hash: r.hash,
    })),
    nextCursor: rows.length > query.limit && page.length ? Buffer.from(page[page.length - 1]!.id).toString('base64url') : null,
  };
}

/** The chain's verdict (same as `wangge audit:verify`), with the problem in the caller's language. */
export async function getAuditVerdict(ctx: AppContext, actorInput: Actor, lang: Lang) {
  requirePermission(actorInput, 'audit:read');
  const verdict = await verifyAuditChain(ctx.db);
  return { ...verdict, problem: verdict.problem ? { ...verdict.problem, detail: verdict.problem.detail[lang] } : null };
}
