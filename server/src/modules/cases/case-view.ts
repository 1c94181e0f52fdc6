import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import { maskName, maskPhone } from '../../platform/secrets.js';
import type { StaffActor } from '../../platform/actor.js';
import { pathCodes } from '../../platform/territory-path.js';
import { staff, units } from '../people/people.tables.js';
import { ancestorsOf, nodesByIds } from '../territory/index.js';
import { allowedActionsFor } from './allowed-actions.js';
import { factsOfCases } from './case-facts.js';
import { actionLabels, statusLabels } from './case-machine.js';
import type { CaseFacts } from './cases.policy.js';
import { eventsOfCase } from './cases.queries.js';
import { cases, reporters, type CaseRow } from './cases.tables.js';
import { casePhotos, type PhotoKind } from './case-photos.js';
import { issuingOffice } from './issuing-office.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function isOverdue(row: CaseRow, now: Date): boolean {
  const resolving = ['accepted', 'dispatched', 'returned', 'in_progress', 'rework'].includes(row.status);
  if (row.status === 'reported') return row.respondBy < now;
  const paused = row.longTermUntil !== null && row.longTermUntil > now;
  return resolving && !paused && row.resolveBy !== null && row.resolveBy < now;
}

/** Names for the ids a page of cases points at, in one query per table. */
async function lookups(ctx: AppContext, rows: CaseRow[]) {
  const nodeIds = rows.flatMap((r) => [r.territoryNodeId, r.gridId, r.basicGridId, r.assigneeNodeId]).filter((x): x is string => !!x);
  const staffIds = rows.flatMap((r) => [r.assigneeUserId, r.handlerId, r.pendingExtensionById]).filter((x): x is string => !!x);
  const unitIds = rows.map((r) => r.assigneeUnitId).filter((x): x is string => !!x);
  const categoryCodes = rows.map((r) => r.categoryCode).filter((x): x is string => !!x);
  const known = ctx.grids.current.nodes;
  const missingNodeIds = [...new Set(nodeIds)].filter((id) => !known.has(id));
  const [dbNodes, people, unitRows, cats] = await Promise.all([
    nodesByIds(ctx.db, missingNodeIds),
    staffIds.length ? ctx.db.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, [...new Set(staffIds)])) : [],
    unitIds.length ? ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...new Set(unitIds)])) : [],
    Promise.resolve(categoryCodes.map((code) => ctx.categories.get(code)).filter((c) => c !== undefined)),
  ]);
  const nodes = new Map<string, { id: string; code: string; name: string; level: string }>(dbNodes);
  for (const id of nodeIds) {
    const n = known.get(id);
    if (n) nodes.set(id, n);
  }
  return {
    nodes,
    people: new Map(people.map((p) => [p.id, p.name])),
    units: new Map(unitRows.map((u) => [u.id, u.name])),
    categories: new Map(cats.map((c) => [c.code, c])),
  };
}

type Lookups = Awaited<ReturnType<typeof lookups>>;

function nodeRef(lk: Lookups, id: string | null) {
  const n = id ? lk.nodes.get(id) : undefined;
  return n ? { id: n.id, code: n.code, name: n.name, level: n.level } : null;
}

function summarize(row: CaseRow, lk: Lookups, lang: Lang, now: Date) {
  const category = row.categoryCode ? lk.categories.get(row.categoryCode) : undefined;
  let assignee = null;
  if (row.assigneeKind === 'node' && row.assigneeNodeId) assignee = { kind: 'node' as const, id: row.assigneeNodeId, name: lk.nodes.get(row.assigneeNodeId)?.name ?? '' };
  if (row.assigneeKind === 'unit' && row.assigneeUnitId) assignee = { kind: 'unit' as const, id: row.assigneeUnitId, name: lk.units.get(row.assigneeUnitId) ?? '' };
  if (row.assigneeKind === 'user' && row.assigneeUserId) assignee = { kind: 'user' as const, id: row.assigneeUserId, name: lk.people.get(row.assigneeUserId) ?? '' };
  const territory = nodeRef(lk, row.territoryNodeId)!;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    statusLabel: statusLabels[row.status][lang],
    channel: row.channel,
    demandType: row.demandType as 'inquiry' | 'help' | 'complaint' | 'suggestion',
    category: category ? { code: category.code, name: lang === 'zh' ? category.nameZh : category.nameEn, groupCode: category.groupCode } : null,
    description: row.description,
    colour: row.colour,
    level: row.level,
    territory,
    grid: nodeRef(lk, row.gridId),
    lat: row.lat,
    lng: row.lng,
    needsTriage: territory.level === 'county',
    assignee,
    respondBy: row.respondBy.toISOString(),
    resolveBy: iso(row.resolveBy),
    isOverdue: isOverdue(row, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function presentCaseSummaries(ctx: AppContext, rows: CaseRow[], lang: Lang) {
  const lk = await lookups(ctx, rows);
  const now = ctx.clock.now();
  return rows.map((r) => summarize(r, lk, lang, now));
}

/**
 * Reporter identity for staff: always masked here, whatever the viewer's permissions — revealing
 * is a separate action with a reason, recorded (POST /cases/{id}/reporter/reveal, modules/privacy).
 * An erased reporter keeps the row (history points at it) but has nothing left to show.
 */
async function reporterView(ctx: AppContext, row: CaseRow) {
  if (!row.reporterId) return null;
  const [rep] = await ctx.db.select().from(reporters).where(eq(reporters.id, row.reporterId)).limit(1);
  if (!rep) return null;
  if (rep.erasedAt) return { name: null, phone: null, masked: true, erased: true };
  const name = rep.nameEncrypted ? maskName(ctx.secrets.decrypt(rep.nameEncrypted)) : null;
  const phone = rep.phoneEncrypted ? maskPhone(ctx.secrets.decrypt(rep.phoneEncrypted)) : null;
  return { name, phone, masked: true, erased: false };
}

/**
 * A case just reported, presented without reading it back: names come from the in-memory
 * territory and categories, the timeline is its one `create` event, and in `reported` no
 * action needs a target list. Intake's answer costs no queries beyond the insert.
 */
export async function presentNewCase(
  ctx: AppContext,
  actor: StaffActor | null,
  row: CaseRow,
  reporter: { name?: string | undefined; phone?: string | undefined } | null,
  createdEvent: { id: string; data: Record<string, unknown> },
  lang: Lang,
  photoIds: string[] = [],
) {
  const lk = await lookups(ctx, [row]);
  const territory = ctx.grids.current.nodes.get(row.territoryNodeId);
  const ancestors = territory
    ? pathCodes(territory.path)
        .slice(0, -1)
        .map((code) => ctx.grids.current.nodesByCode.get(code))
        .filter((n) => n !== undefined)
        .map((n) => ({ id: n.id, code: n.code, name: n.name, level: n.level }))
        .reverse()
    : [];
  const category = row.categoryCode ? ctx.categories.get(row.categoryCode) : undefined;
  const facts: CaseFacts = {
    status: row.status,
    level: row.level,
    verification: category?.verification ?? 'on_site',
    gridPath: row.gridId ? (ctx.grids.current.nodes.get(row.gridId)?.path ?? null) : null,
    assignee: null,
    handlerId: null,
    pendingExtensionById: null,
    isLongTerm: false,
  };
  const actorName = actor?.displayName ?? '';
  return {
    ...summarize(row, lk, lang, ctx.clock.now()),
    location: { lat: row.lat, lng: row.lng, address: row.address, basicGrid: nodeRef(lk, row.basicGridId), ancestors },
    reporter: reporter && (reporter.name || reporter.phone)
      ? { name: reporter.name ? maskName(reporter.name) : null, phone: reporter.phone ? maskPhone(reporter.phone) : null, masked: true, erased: false }
      : null,
    isAnonymous: row.isAnonymous,
    handler: null,
    respondedAt: null,
    acceptedAt: null,
    handledAt: null,
    closedAt: null,
    longTermUntil: null,
    pendingExtension: null,
    mergedInto: null,
    hasLeftGrid: row.hasLeftGrid,
    counts: { escalations: 0, reworks: 0, reopens: 0, extensions: 0 },
    photos: casePhotos(ctx).staffRefs(row.id, photoIds.map((id) => ({ id, kind: 'report' as PhotoKind }))),
    visitOrigin: null,
    dispatchOffice: null,
    timeline: [
      {
        id: createdEvent.id,
        action: 'create',
        actionLabel: actionLabels.create[lang],
        at: row.createdAt.toISOString(),
        actor: actor ? { id: actor.id, name: actorName, role: actor.role } : null,
        fromStatus: null,
        toStatus: 'reported',
        note: null,
        data: createdEvent.data,
      },
    ],
    allowedActions: actor ? await allowedActionsFor(ctx.db, actor, row, facts, lang) : [],
  };
}

/** The whole case for a staff member: facts, timeline, and what they may do next. */
export async function presentCaseDetail(ctx: AppContext, actor: StaffActor | null, row: CaseRow, lang: Lang) {
  const now = ctx.clock.now();
  const lk = await lookups(ctx, [row]);
  const originOf = ctx.caseExtensions.find((e) => e.originOf)?.originOf;
  const [events, ancestors, reporter, facts, mergedInto, photoList, visitOrigin] = await Promise.all([
    eventsOfCase(ctx.db, row.id),
    ancestorsOf(ctx.db, row.territoryPath),
    reporterView(ctx, row),
    factsOfCases(ctx.db, [row], now, ctx.caseExtensions),
    row.mergedIntoId ? ctx.db.select({ id: cases.id, number: cases.number }).from(cases).where(eq(cases.id, row.mergedIntoId)) : [],
    casePhotos(ctx).ofCase(ctx.db, row.id),
    originOf ? originOf(ctx.db, row) : null,
  ]);
  // A resident who just reported gets the case back but no actions.
  const allowedActions = actor ? await allowedActionsFor(ctx.db, actor, row, facts.get(row.id)!, lang) : [];
  const lastDispatch = [...events].reverse().find((e) => e.action === 'dispatch');
  const dispatchOffice = lastDispatch ? (await issuingOffice(ctx.db, row.territoryPath, lastDispatch.actorId))[lang] : null;
  return {
    ...summarize(row, lk, lang, now),
    location: {
      lat: row.lat,
      lng: row.lng,
      address: row.address,
      basicGrid: nodeRef(lk, row.basicGridId),
      ancestors: ancestors.map((a) => ({ id: a.id, code: a.code, name: a.name, level: a.level })).reverse(),
    },
    reporter,
    isAnonymous: row.isAnonymous,
    handler: row.handlerId ? { id: row.handlerId, name: lk.people.get(row.handlerId) ?? '' } : null,
    respondedAt: iso(row.respondedAt),
    acceptedAt: iso(row.acceptedAt),
    handledAt: iso(row.handledAt),
    closedAt: iso(row.closedAt),
    longTermUntil: iso(row.longTermUntil),
    pendingExtension:
      row.pendingExtensionHours && row.pendingExtensionById
        ? { hours: row.pendingExtensionHours, requestedBy: lk.people.get(row.pendingExtensionById) ?? '' }
        : null,
    mergedInto: mergedInto[0] ?? null,
    hasLeftGrid: row.hasLeftGrid,
    counts: { escalations: row.escalationCount, reworks: row.reworkCount, reopens: row.reopenCount, extensions: row.extensionCount },
    photos: casePhotos(ctx).staffRefs(row.id, photoList),
    visitOrigin,
    dispatchOffice,
    timeline: events.map((e) => ({
      id: e.id,
      action: e.action,
      actionLabel: (actionLabels as Record<string, { zh: string; en: string }>)[e.action]?.[lang] ?? e.action,
      at: e.createdAt.toISOString(),
      actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '', role: e.actorRole } : null,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      data: e.data,
    })),
    allowedActions,
  };
}

