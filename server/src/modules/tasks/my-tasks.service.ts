import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { households } from '../households/households.tables.js';
import { actorFacts, hasPermission, requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { listNotices } from '../supervision/index.js';
import { visitPlanItems } from '../visits/visits.tables.js';
import { whistleParties } from '../whistles/whistles.tables.js';
import { factsOfCases, actionLabels, openStatuses, type CaseAction, type CaseStatus, actorParties, decide, caseScope } from '../cases/index.js';
import { cases, type CaseRow } from '../cases/cases.tables.js';
import type { TaskItem } from './my-tasks.schema.js';

/** How many open cases of the actor's scope the list weighs at most (newest first). */
const caseWindow = 500;

/**
 * The case actions that are a to-do, with the states where they are one (dispatch is also allowed
 * on a dispatched case — to send it elsewhere — but that is a choice, not a task).
 */
const todo: ReadonlyArray<{ action: CaseAction; when: readonly CaseStatus[] }> = [
  { action: 'accept', when: ['reported'] },
  { action: 'dispatch', when: ['accepted', 'returned'] },
  { action: 'take', when: ['dispatched', 'rework'] },
  { action: 'handle', when: ['in_progress'] },
  { action: 'close', when: ['handled'] },
  { action: 'approve-extension', when: ['accepted', 'dispatched', 'returned', 'in_progress', 'rework'] },
];

const labels = {
  acknowledge: { zh: '签收督办单', en: 'Acknowledge' },
  visit: { zh: '入户走访', en: 'Visit' },
  notice: { zh: '督办单', en: 'Supervision notice' },
} as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function caseRef(row: CaseRow) {
  return { id: row.id, number: row.number, version: row.version, colour: row.colour };
}

/** The deadline that matters for a case task: respond-by before acceptance, resolve-by after. */
function caseDue(row: CaseRow, now: Date): Date | null {
  if (row.status === 'reported') return row.respondBy;
  if (row.status === 'handled' || row.status === 'closed') return null;
  if (row.longTermUntil !== null && row.longTermUntil > now) return null;
  return row.resolveBy;
}

/** Cases this actor can move now (the same `decide` the actions go through), and whistle duties on them. */
async function caseTasks(ctx: AppContext, actor: StaffActor, lang: Lang, now: Date): Promise<TaskItem[]> {
  const rows = await ctx.db
    .select()
    .from(cases)
    .where(and(caseScope(actor), inArray(cases.status, [...openStatuses])))
    .orderBy(desc(cases.id))
    .limit(caseWindow);
  const facts = await factsOfCases(ctx.db, rows, now, ctx.caseExtensions);
  const me = actorFacts(actor);
  const items: TaskItem[] = [];
  for (const row of rows) {
    const f = facts.get(row.id)!;
    const caseTask = (kind: 'case' | 'whistle', action: TaskItem['action'], due: Date | null): TaskItem => ({
      key: `${kind}:${row.id}:${action}`,
      kind,
      action,
      actionLabel: actionLabels[action as keyof typeof actionLabels][lang],
      title: row.description.slice(0, 60),
      detail: row.address,
      dueAt: iso(due),
      isOverdue: due !== null && due < now,
      target: { type: 'case', id: row.id },
      case: caseRef(row),
    });
    const step = todo.find((t) => t.when.includes(row.status) && decide(f, t.action, me).allowed);
    if (step) {
      const due = caseDue(row, now);
      items.push(caseTask('case', step.action as TaskItem['action'], due));
    }
    // 吹哨报到: check in while the window runs, then report until the party is done.
    const whistleAction = decide(f, 'check-in', me).allowed ? 'check-in' : decide(f, 'report-progress', me).allowed ? 'report-progress' : null;
    if (whistleAction) {
      const due = whistleAction === 'check-in' ? await checkInDue(ctx, row.id, actorParties(me, f, 'check-in').map((p) => p.id)) : caseDue(row, now);
      items.push(caseTask('whistle', whistleAction, due));
    }
  }
  return items;
}

/** The earliest check-in deadline among the actor's waiting parties of a case. */
async function checkInDue(ctx: AppContext, caseId: string, partyIds: string[]): Promise<Date | null> {
  if (partyIds.length === 0) return null;
  const [row] = await ctx.db
    .select({ at: whistleParties.checkInBy })
    .from(whistleParties)
    .where(and(eq(whistleParties.caseId, caseId), inArray(whistleParties.id, partyIds)))
    .orderBy(asc(whistleParties.checkInBy))
    .limit(1);
  return row?.at ?? null;
}

/** 督办单 addressed to the actor and not acknowledged yet: 签收 is theirs to do. */
async function noticeTasks(ctx: AppContext, actor: StaffActor, lang: Lang, now: Date): Promise<TaskItem[]> {
  const { rows } = await listNotices(ctx.db, actor, { mine: true, unacknowledged: true, limit: 200, offset: 0 });
  return rows.map(({ notice, caseNumber }) => {
    // A manual notice may carry a reply deadline; one from the sweep carries the limit the case missed (so it shows overdue).
    const due = notice.kind === 'manual' ? notice.dueAt : (notice.dueAt ?? notice.issuedAt);
    return {
      key: `notice:${notice.id}:acknowledge`,
      kind: 'notice' as const,
      action: 'acknowledge' as const,
      actionLabel: labels.acknowledge[lang],
      title: `${labels.notice[lang]} ${notice.number}`,
      detail: [caseNumber, notice.note].filter(Boolean).join(' · '),
      dueAt: iso(due),
      isOverdue: due !== null && due < now,
      target: { type: 'notice' as const, id: notice.id },
      case: null,
    };
  });
}

/** The households still to visit on today's plan (end of the Shanghai day is the due time). */
async function visitTasks(ctx: AppContext, actor: StaffActor, lang: Lang, now: Date): Promise<TaskItem[]> {
  if (!hasPermission(actor, 'visit:record')) return [];
  const today = shanghaiDate(now);
  const rows = await ctx.db
    .select({ item: visitPlanItems, address: households.address })
    .from(visitPlanItems)
    .innerJoin(households, eq(households.id, visitPlanItems.householdId))
    .where(and(eq(visitPlanItems.staffId, actor.id), eq(visitPlanItems.planDate, today), eq(visitPlanItems.status, 'planned')))
    .orderBy(asc(visitPlanItems.position), asc(visitPlanItems.id));
  const endOfDay = new Date(new Date(`${today}T00:00:00+08:00`).getTime() + 86_400_000 - 1000);
  return rows.map(({ item, address }) => ({
    key: `visit:${item.householdId}:visit`,
    kind: 'visit' as const,
    action: 'visit' as const,
    actionLabel: labels.visit[lang],
    title: address,
    detail: null,
    dueAt: endOfDay.toISOString(),
    isOverdue: false,
    target: { type: 'household' as const, id: item.householdId },
    case: null,
  }));
}

/**
 * 我的任务: everything the signed-in person must do now, nothing they cannot — cases they may move
 * (by `decide`), whistle check-ins and completion reports, unacknowledged 督办单 addressed to them,
 * and today's planned visits — ordered by due time (none last).
 */
export async function myTasks(ctx: AppContext, actorInput: Actor, lang: Lang) {
  const actor = requirePermission(actorInput, 'case:read');
  const now = ctx.clock.now();
  const groups = await Promise.all([caseTasks(ctx, actor, lang, now), noticeTasks(ctx, actor, lang, now), visitTasks(ctx, actor, lang, now)]);
  const items = groups.flat().sort((a, b) => {
    if (a.dueAt === b.dueAt) return a.key.localeCompare(b.key);
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return a.dueAt.localeCompare(b.dueAt);
  });
  const counts = { case: 0, whistle: 0, notice: 0, visit: 0 };
  for (const item of items) counts[item.kind] += 1;
  return { items, counts };
}
