import type { AppContext } from '../../platform/context.js';
import { invalidField, notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { requireScopedPermission, type Actor } from '../../platform/actor.js';
import { findNodeByCode } from '../territory/index.js';
import { caseNotFound } from './actions.service.js';
import { presentCaseDetail, presentCaseSummaries } from './case-view.js';
import { countCases, findCaseInScope, listCases, type CaseListFilter } from './cases.queries.js';
import type { ListCasesQuery } from './cases.schema.js';
import { uuidPattern } from '../../platform/ids.js';

/** Midnight in Shanghai of a `YYYY-MM-DD` day, `plusDays` later. */
function shanghaiDayStart(day: string, plusDays = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000);
}

/** One case with its timeline and allowed actions; 404 outside the actor's scope. */
export async function getCase(ctx: AppContext, actorInput: Actor, id: string, lang: Lang) {
  const actor = requireScopedPermission(actorInput, 'case:read');
  const row = await findCaseInScope(ctx.db, actor, id);
  if (!row) throw caseNotFound();
  // An API key reads the case but is offered no lifecycle actions.
  return presentCaseDetail(ctx, actor.kind === 'staff' ? actor : null, row, lang);
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!uuidPattern.test(id)) throw invalidField('query.cursor', { zh: '分页游标无效', en: 'invalid cursor' });
  return id;
}

/** The actor's cases, filtered, newest first, one keyset page at a time. */
export async function searchCases(ctx: AppContext, actorInput: Actor, query: ListCasesQuery, lang: Lang) {
  const actor = requireScopedPermission(actorInput, 'case:read');
  let territoryPath: string | undefined;
  if (query.territory) {
    const node = await findNodeByCode(ctx.db, query.territory);
    if (!node) throw notFound({ zh: `找不到区划 ${query.territory}`, en: `No territory ${query.territory}` });
    territoryPath = node.path;
  }
  let assignee: CaseListFilter['assignee'];
  if (query.assignee === 'me') {
    if (actor.kind !== 'staff') throw invalidField('query.assignee', { zh: 'API 密钥没有「我的」案件', en: 'an API key has no cases of its own' });
    assignee = { kind: 'me', actor };
  }
  else if (query.assignee === 'none') assignee = { kind: 'none' };
  else if (query.assignee) {
    if (!uuidPattern.test(query.assignee)) throw invalidField('query.assignee', { zh: '应为 me、none 或编号', en: 'must be me, none or an id' });
    assignee = { kind: 'id', id: query.assignee };
  }
  if (query.from && query.to && query.from > query.to) {
    throw invalidField('query.from', { zh: '开始日期不能晚于结束日期', en: 'the start date is after the end date' });
  }
  const filter = {
    statuses: query.status,
    levels: query.level,
    colours: query.colour,
    territoryPath,
    categoryPrefix: query.category,
    assignee,
    overdue: query.overdue,
    text: query.q,
    channels: query.channel,
    createdFrom: query.from ? shanghaiDayStart(query.from) : undefined,
    createdBefore: query.to ? shanghaiDayStart(query.to, 1) : undefined,
    now: ctx.clock.now(),
  };
  const [rows, total] = await Promise.all([
    listCases(ctx.db, actor, { ...filter, afterId: query.cursor ? decodeCursor(query.cursor) : undefined, limit: query.limit }),
    countCases(ctx.db, actor, filter),
  ]);
  const page = rows.slice(0, query.limit);
  const hasMore = rows.length > query.limit;
  return {
    items: await presentCaseSummaries(ctx, page, lang),
    total,
    nextCursor: hasMore && page.length ? Buffer.from(page[page.length - 1]!.id).toString('base64url') : null,
  };
}
