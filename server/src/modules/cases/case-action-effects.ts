import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { actorCoversPath, type StaffActor } from '../../platform/actor.js';
import { staff, units } from '../people/people.tables.js';
import { nodesOfStaff } from '../people/index.js';
import type { Role, UnitKind } from '../../platform/roles.js';
import { codeAt } from '../../platform/territory-path.js';
import { findCategory } from '../categories/index.js';
import type { CaseLevel } from '../categories/categories.tables.js';
import { clockedLimits, resolveByAfterPause, resolveByFrom, respondByFrom } from '../deadlines/index.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { resolveCaseLocation } from './case-location.js';
import { nextLevel } from './cases.policy.js';
import { caseScope } from './cases.queries.js';
import type { ActionBodies } from './cases.schema.js';
import { cases, type CaseRow } from './cases.tables.js';
import { staffOnly, type ActionEffects, type EffectFn } from './case-extension.js';
import { casePhotos } from './case-photos.js';

const noAssignee = { assigneeKind: null, assigneeNodeId: null, assigneeUnitId: null, assigneeUserId: null } as const;

const levelOfRole: Partial<Record<Role, CaseLevel>> = {
  grid_worker: 'grid',
  cadre: 'village',
  community_staff: 'village',
  center_operator: 'town',
  department_staff: 'department',
};
const levelOfUnit: Record<UnitKind, CaseLevel> = { department: 'department', office: 'town', community: 'village', partner: 'village' };

/** The deadline policy for the case at `level`, with the holiday calendar its clock counts on. */
async function limitsOf(tx: Database, _ctx: AppContext, row: CaseRow, level: CaseLevel) {
  return clockedLimits(tx, { categoryCode: row.categoryCode, colour: row.colour, level });
}

/** The ancestor of the case's territory at a level (village/town), from its path. */
async function ancestorAt(tx: Database, row: CaseRow, level: 'village' | 'town') {
  const code = codeAt(row.territoryPath, level);
  if (!code) return undefined;
  const [node] = await tx.select().from(territoryNodes).where(eq(territoryNodes.code, code)).limit(1);
  return node;
}

/** Where an accept moves the case (set or corrected by the dispatcher): resolved like intake, inside their territory. */
async function acceptedLocation(ctx: AppContext, tx: Database, actor: StaffActor, row: CaseRow, location: ActionBodies['accept']['location']) {
  if (!location) return null;
  const place = await resolveCaseLocation({ ...ctx, db: tx }, location);
  if (!actorCoversPath(actor, place.territoryPath)) {
    throw invalidField('location', { zh: '该位置不在您的管辖范围内', en: 'the place is outside your territory' });
  }
  const patch = {
    territoryNodeId: place.territoryNodeId,
    territoryPath: place.territoryPath,
    gridId: place.gridId,
    basicGridId: place.basicGridId,
    lat: place.lat,
    lng: place.lng,
    address: place.address ?? row.address,
  };
  return { patch, data: { territoryNodeId: place.territoryNodeId, fromTerritoryNodeId: row.territoryNodeId } };
}

const accept: EffectFn<'accept'> = async ({ ctx, tx, row, actor: by, body, now }) => {
  const actor = staffOnly(by);
  let categoryCode = row.categoryCode;
  let colour = body.colour ?? row.colour;
  let level = row.level;
  if (body.categoryCode) {
    const category = await findCategory({ ...ctx, db: tx }, body.categoryCode);
    if (!category?.isActive) throw invalidField('categoryCode', { zh: `小类 ${body.categoryCode} 不存在或已停用`, en: `category ${body.categoryCode} does not exist or is inactive` });
    if (category.code !== row.categoryCode) {
      // A new category brings its colour and level, as at intake; the deadlines follow from them.
      categoryCode = category.code;
      colour = body.colour ?? category.colour;
      level = category.level;
    }
  }
  const moved = await acceptedLocation(ctx, tx, actor, row, body.location);
  const limits = await limitsOf(tx, ctx, { ...row, categoryCode, colour }, level);
  const levelPatch = level !== row.level ? { level, hasLeftGrid: level !== 'grid' } : {};
  return {
    patch: { categoryCode, colour, ...levelPatch, acceptedAt: now, respondedAt: now, resolveBy: resolveByFrom(now, limits), ...moved?.patch },
    note: body.note ?? null,
    data: {
      ...(categoryCode !== row.categoryCode ? { categoryCode, fromCategoryCode: row.categoryCode } : {}),
      ...(colour !== row.colour ? { colour } : {}),
      ...(level !== row.level ? { level } : {}),
      ...moved?.data,
    },
  };
};

const reject: EffectFn<'reject'> = async ({ body, now }) => ({ patch: { respondedAt: now }, note: body.reason, data: {} });

const merge: EffectFn<'merge'> = async ({ tx, row, actor: by, body }) => {
  const actor = staffOnly(by);
  if (body.intoCaseId === row.id) throw invalidField('intoCaseId', { zh: '不能合并到自身', en: 'a case cannot merge into itself' });
  const [target] = await tx.select().from(cases).where(and(eq(cases.id, body.intoCaseId), caseScope(actor))).limit(1);
  if (!target) throw invalidField('intoCaseId', { zh: '要合并到的案件不存在', en: 'the case to merge into does not exist' });
  if (target.status === 'merged' || target.status === 'rejected') {
    throw invalidField('intoCaseId', { zh: `案件 ${target.number} 已${target.status === 'merged' ? '合并' : '不予受理'}，不能作为合并目标`, en: `case ${target.number} is ${target.status}` });
  }
  return { patch: { mergedIntoId: target.id }, note: body.note ?? null, data: { intoCaseId: target.id, intoNumber: target.number } };
};

async function dispatchTarget(tx: Database, actor: StaffActor, target: ActionBodies['dispatch']['target']) {
  const missing = () => invalidField('target', { zh: '派单对象不存在或不在您的管辖范围内', en: 'the target does not exist or is outside your territory' });
  if (target.kind === 'unit') {
    const [unit] = await tx.select().from(units).where(eq(units.id, target.id)).limit(1);
    if (!unit) throw missing();
    return { patch: { ...noAssignee, assigneeKind: 'unit' as const, assigneeUnitId: unit.id }, level: levelOfUnit[unit.kind] };
  }
  if (target.kind === 'user') {
    const [person] = await tx.select().from(staff).where(and(eq(staff.id, target.id), eq(staff.isActive, true))).limit(1);
    const level = person ? levelOfRole[person.role] : undefined;
    if (!person || !level) throw missing();
    const theirNodes = (await nodesOfStaff(tx, [person.id])).get(person.id) ?? [];
    const sameUnit = person.unitId !== null && person.unitId === actor.unitId;
    if (!sameUnit && !theirNodes.some((n) => actorCoversPath(actor, n.path))) throw missing();
    return { patch: { ...noAssignee, assigneeKind: 'user' as const, assigneeUserId: person.id }, level };
  }
  const [node] = await tx.select().from(territoryNodes).where(and(eq(territoryNodes.id, target.id), eq(territoryNodes.level, target.kind))).limit(1);
  if (!node || !actorCoversPath(actor, node.path)) throw missing();
  return { patch: { ...noAssignee, assigneeKind: 'node' as const, assigneeNodeId: node.id }, level: target.kind as CaseLevel };
}

const dispatch: EffectFn<'dispatch'> = async ({ tx, actor, body, row }) => {
  const { patch, level } = await dispatchTarget(tx, staffOnly(actor), body.target);
  return {
    patch: { ...patch, level, hasLeftGrid: row.hasLeftGrid || level !== 'grid' },
    note: body.note ?? null,
    data: { target: body.target, level },
  };
};

const returnCase: EffectFn<'return'> = async ({ body, row }) => ({
  patch: { ...noAssignee },
  note: body.reason,
  data: { from: { kind: row.assigneeKind, id: row.assigneeNodeId ?? row.assigneeUnitId ?? row.assigneeUserId } },
});

const take: EffectFn<'take'> = async ({ row, actor, body }) => ({
  // A case sent to a grid becomes the worker's own when taken; a unit keeps it as a unit.
  patch: row.assigneeKind === 'node' ? { ...noAssignee, assigneeKind: 'user', assigneeUserId: staffOnly(actor).id } : {},
  note: body.note ?? null,
  data: {},
});

const handle: EffectFn<'handle'> = async ({ ctx, tx, row, actor: by, body, now }) => {
  const actor = staffOnly(by);
  const photos = casePhotos(ctx);
  // Evidence photos are attached in the action's transaction: a refused id undoes the whole action.
  await photos.attach(tx, { caseId: row.id, ids: body.evidence, kind: 'evidence', now, claim: photos.claimOf(actor), field: 'evidence' });
  return {
    patch: { handledAt: now, handlerId: actor.id },
    note: body.result,
    data: { ...(body.evidence.length ? { evidence: body.evidence } : {}), ...(body.location ? { location: body.location } : {}) },
  };
};

const close: EffectFn<'close'> = async ({ body, now }) => ({ patch: { closedAt: now }, note: body.note ?? null, data: {} });

const rework: EffectFn<'rework'> = async ({ row, body }) => ({
  patch: { reworkCount: row.reworkCount + 1, handledAt: null },
  note: body.reason,
  data: {},
});

const reopen: EffectFn<'reopen'> = async ({ ctx, tx, row, body, now }) => ({
  patch: {
    reopenCount: row.reopenCount + 1,
    closedAt: null,
    handledAt: null,
    resolveBy: resolveByFrom(now, await limitsOf(tx, ctx, row, row.level)),
  },
  note: body.reason,
  data: {},
});

const escalate: EffectFn<'escalate'> = async ({ ctx, tx, row, body, now }) => {
  const to = nextLevel[row.level]!;
  let assignee: Partial<typeof cases.$inferInsert>;
  if (to === 'department') {
    if (!body.targetUnitId) throw invalidField('targetUnitId', { zh: '上提至部门时须选择承办部门', en: 'choose the department when escalating to department level' });
    const [unit] = await tx.select().from(units).where(eq(units.id, body.targetUnitId)).limit(1);
    if (!unit) throw invalidField('targetUnitId', { zh: '承办部门不存在', en: 'that department does not exist' });
    assignee = { ...noAssignee, assigneeKind: 'unit', assigneeUnitId: unit.id };
  } else {
    const node = await ancestorAt(tx, row, to as 'village' | 'town');
    if (!node) throw new AppError('INVALID_TRANSITION', { detail: { zh: `案件位置没有${to === 'village' ? '村(社区)' : '镇(街道)'}层级`, en: `the case has no ${to} above it` } });
    assignee = { ...noAssignee, assigneeKind: 'node', assigneeNodeId: node.id };
  }
  // The new level gets a fresh respond/resolve pair; the business clock (accepted → closed) runs on.
  const limits = await limitsOf(tx, ctx, row, to);
  return {
    patch: {
      ...assignee,
      level: to,
      hasLeftGrid: true,
      escalationCount: row.escalationCount + 1,
      respondBy: respondByFrom(now, limits),
      resolveBy: row.acceptedAt ? resolveByFrom(now, limits) : row.resolveBy,
    },
    note: body.reason,
    data: { fromLevel: row.level, toLevel: to, ...(body.targetUnitId ? { targetUnitId: body.targetUnitId } : {}) },
  };
};

const requestExtension: EffectFn<'request-extension'> = async ({ actor, body }) => ({
  patch: { pendingExtensionHours: body.hours, pendingExtensionById: staffOnly(actor).id },
  note: body.reason,
  data: { hours: body.hours },
});

const approveExtension: EffectFn<'approve-extension'> = async ({ row, body }) => {
  const cleared = { pendingExtensionHours: null, pendingExtensionById: null };
  if (body.decision === 'deny') return { patch: cleared, note: body.note ?? null, data: { decision: 'deny' } };
  const hours = body.hours ?? row.pendingExtensionHours ?? 0;
  const base = row.resolveBy ?? new Date();
  return {
    patch: {
      ...cleared,
      resolveBy: new Date(base.getTime() + hours * 3_600_000),
      extensionCount: row.extensionCount + 1,
      extensionHours: row.extensionHours + hours,
    },
    note: body.note ?? null,
    data: { decision: 'approve', hours },
  };
};

const longTerm: EffectFn<'long-term'> = async ({ ctx, tx, row, body, now }) => {
  // Review at the start of that Shanghai day; the resolve clock is paused until then.
  const until = new Date(`${body.reviewDate}T00:00:00+08:00`);
  if (Number.isNaN(until.getTime()) || until <= now) {
    throw invalidField('reviewDate', { zh: '复核日期必须是将来的日期', en: 'the review date must be in the future' });
  }
  // The time left now, on the case's own clock, runs again from the review date.
  const limits = await limitsOf(tx, ctx, row, row.level);
  return {
    patch: { longTermUntil: until, resolveBy: resolveByAfterPause(now, row.resolveBy, until, limits) },
    note: body.reason,
    data: { reviewDate: body.reviewDate },
  };
};

/** The lifecycle's own effects; whistles, urging, rating and follow-up come from extensions (case-extension.ts). */
export const actionEffects: ActionEffects = {
  accept,
  reject,
  merge,
  dispatch,
  return: returnCase,
  take,
  handle,
  close,
  rework,
  reopen,
  escalate,
  'request-extension': requestExtension,
  'approve-extension': approveExtension,
  'long-term': longTerm,
};

/** Reopening, as an effect other actions reuse (a 不满意 rating reopens a closed case). */
export const reopenEffect = reopen;
