import { inArray } from 'drizzle-orm';
import { AppError, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { actorFacts } from '../../platform/actor.js';
import { townCodeOf } from '../../platform/territory-path.js';
import { workingCalendar, addLimit, isWorkingTime } from '../calendar/index.js';
import { cancelCaseTimers, scheduleCaseTimer } from '../case-timers/index.js';
import { notify } from '../notifications/index.js';
import { actorPhotoClaim, attachPhotos } from '../photos/index.js';
import { staffOnly, type EffectFn, type EffectInput, whistleGradeLabels, actorParties } from '../cases/index.js';
import { memberStaffIds } from './whistle-members.js';
import { gradeSettings } from './whistle-settings.js';
import { partiesToSummon } from './summon.js';
import { caseWhistles, whistleParties } from './whistles.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';

/** Timer kind of a party's check-in deadline (handled in whistle-timer.ts). */
export const checkInTimerKind = 'whistle.checkin';

/**
 * 吹哨: summons the parties of the grade, each with a check-in deadline (a case timer) on the
 * grade's clock, and tells them. An emergency whistle outside working hours also goes to the
 * town's duty officers.
 */
export const whistleEffect: EffectFn<'whistle'> = async ({ tx, row, actor: by, body, now }) => {
  const actor = staffOnly(by);
  const setting = (await gradeSettings(tx))[body.grade];
  if (!setting.roles.includes(actor.role)) {
    const label = whistleGradeLabels[body.grade];
    throw new AppError('FORBIDDEN', { detail: { zh: `您的角色不能吹${label.zh}`, en: `Your role may not blow a ${label.en.toLowerCase()} whistle` } });
  }
  const summoned = await partiesToSummon(tx, row, body.grade, body.departments, shanghaiDate(now));
  const calendar = await workingCalendar(tx);
  const checkInBy = addLimit(now, setting.windowMinutes, setting.clock, calendar);
  const whistleId = newId();
  await tx.insert(caseWhistles).values({
    id: whistleId,
    caseId: row.id,
    grade: body.grade,
    blownBy: actor.id,
    blownAt: now,
    reason: body.reason,
    windowMinutes: setting.windowMinutes,
    clock: setting.clock,
  });
  const partyRows = summoned.map((p) => ({ id: newId(), whistleId, caseId: row.id, partyKind: p.kind, partyId: p.id, checkInBy }));
  await tx.insert(whistleParties).values(partyRows);
  for (const party of partyRows) {
    await scheduleCaseTimer(tx, { caseId: row.id, kind: checkInTimerKind, refId: party.id, dueAt: checkInBy, now });
  }
  const data = { number: row.number, whistleId, grade: body.grade, checkInBy: checkInBy.toISOString() };
  const type = body.grade === 'emergency' ? 'case.whistle-emergency' : 'case.whistle';
  await notify(tx, { type, caseId: row.id, to: [{ kind: 'staff', ids: await memberStaffIds(tx, summoned) }], data, at: now });
  if (body.grade === 'emergency' && !isWorkingTime(now, calendar)) {
    await notify(tx, { type, caseId: row.id, to: [{ kind: 'duty', ...(await townNodeIdOf(tx, row.territoryPath)) }], data, at: now });
  }
  return {
    patch: {},
    note: body.reason,
    data: { whistleId, grade: body.grade, parties: summoned, checkInBy: checkInBy.toISOString() },
  };
};

async function townNodeIdOf(tx: EffectInput<'whistle'>['tx'], territoryPath: string): Promise<{ townNodeId?: string }> {
  const code = townCodeOf(territoryPath);
  if (!code) return {};
  const [town] = await tx.select({ id: territoryNodes.id }).from(territoryNodes).where(inArray(territoryNodes.code, [code])).limit(1);
  return town ? { townNodeId: town.id } : {};
}

/** The actor's parties the action applies to: all of theirs still waiting, or the one named. */
function targetParties(input: EffectInput<'check-in' | 'report-progress'>, action: 'check-in' | 'report-progress') {
  const mine = actorParties(actorFacts(staffOnly(input.actor)), input.facts, action);
  const partyId = input.body.partyId;
  if (!partyId) return mine;
  const one = mine.filter((p) => p.id === partyId);
  if (!one.length) throw invalidField('partyId', { zh: '该报到单位不是您所在的、尚未完成的召集方', en: 'that party is not one of yours still waiting' });
  return one;
}

/** 报到: the actor's parties are checked in; their check-in timers are no longer needed. */
export const checkInEffect: EffectFn<'check-in'> = async (input) => {
  const { tx, row, body, now } = input;
  const actor = staffOnly(input.actor);
  const parties = targetParties(input, 'check-in');
  await tx.update(whistleParties).set({ checkedInAt: now, checkedInBy: actor.id }).where(inArray(whistleParties.id, parties.map((p) => p.id)));
  for (const p of parties) await cancelCaseTimers(tx, row.id, { kinds: [checkInTimerKind], refId: p.id });
  return { patch: {}, note: body.note ?? null, data: { partyIds: parties.map((p) => p.id) } };
};

/** 报告进展: progress (and completion) of the actor's parties; reporting also counts as checking in. */
export const reportProgressEffect: EffectFn<'report-progress'> = async (input) => {
  const { tx, row, body, now } = input;
  const actor = staffOnly(input.actor);
  const parties = targetParties(input, 'report-progress');
  await attachPhotos(tx, { caseId: row.id, ids: body.evidence, kind: 'evidence', now, claim: actorPhotoClaim(actor), field: 'evidence' });
  for (const p of parties) {
    await tx
      .update(whistleParties)
      .set({
        progressNote: body.note,
        progressAt: now,
        ...(p.checkedIn ? {} : { checkedInAt: now, checkedInBy: actor.id }),
        ...(body.completed ? { completedAt: now, completedBy: actor.id } : {}),
      })
      .where(inArray(whistleParties.id, [p.id]));
    if (!p.checkedIn) await cancelCaseTimers(tx, row.id, { kinds: [checkInTimerKind], refId: p.id });
  }
  return {
    patch: {},
    note: body.note,
    data: { partyIds: parties.map((p) => p.id), completed: body.completed, ...(body.evidence.length ? { evidence: body.evidence } : {}) },
  };
};

/** 催办: the assignee hears of it at once (in-app, live). */
export const urgeEffect: EffectFn<'urge'> = async ({ tx, row, body, now }) => {
  await notify(tx, { type: 'case.urged', caseId: row.id, to: [{ kind: 'assignee' }], data: { number: row.number }, at: now });
  return { patch: {}, note: body.note, data: {} };
};
