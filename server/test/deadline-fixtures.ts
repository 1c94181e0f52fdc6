import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/context.js';
import { newId } from '../src/platform/ids.js';
import { timerHandlers } from '../src/app.js';
import { sweepCaseTimers } from '../src/modules/case-timers/case-timers.sweep.js';
import { performCaseAction } from '../src/modules/cases/actions.service.js';
import { createCase } from '../src/modules/cases/intake.service.js';
import type { CaseAction } from '../src/modules/cases/case-machine.js';
import { createCaseBody, parseActionBody } from '../src/modules/cases/cases.schema.js';
import { cases } from '../src/modules/cases/cases.tables.js';
import { invalidatePolicies } from '../src/modules/deadlines/deadline-policies.js';
import { loadStaffActor } from '../src/modules/people/people.queries.js';
import { staff } from '../src/modules/people/people.tables.js';
import type { StaffActor } from '../src/platform/actor.js';
import { gridId, pointInGrid } from './factories.js';
import type { TestApp } from './test-app.js';

/** `2026-12-01T09:00` in Shanghai → the instant. */
export const sh = (local: string) => new Date(`${local}+08:00`);

export async function staffActor(t: TestApp, username: string): Promise<StaffActor> {
  const [row] = await t.ctx.db.select({ id: staff.id }).from(staff).where(eq(staff.username, username));
  return (await loadStaffActor(t.ctx.db, row!.id))!;
}

/** The demo database's own open cases have timers too; a test on pinned dates silences them first. */
export async function silenceDemoTimers(t: TestApp): Promise<void> {
  await t.ctx.db.execute(sql`update case_timers set fired_at = due_at where fired_at is null`);
}

/** A deadline policy for category 0105 (street lights), replacing any earlier one. */
export async function setPolicy(t: TestApp, policy: { resolveMinutes: number; clock: 'continuous' | 'working_hours' | 'working_days'; autoEscalate: boolean; respondMinutes?: number }) {
  await t.ctx.db.execute(sql`delete from deadline_policies where category_code = '0105'`);
  await t.ctx.db.execute(sql`insert into deadline_policies (id, category_code, respond_minutes, resolve_minutes, clock, auto_escalate, warn_fraction)
    values (${newId()}, '0105', ${policy.respondMinutes ?? 15}, ${policy.resolveMinutes}, ${policy.clock}, ${policy.autoEscalate}, 0.8)`);
  invalidatePolicies(t.ctx.db);
}

export class Pinned {
  readonly clock: ManualClock;
  readonly ctx: AppContext;
  constructor(
    readonly t: TestApp,
    start: Date,
  ) {
    this.clock = new ManualClock(start);
    this.ctx = { ...t.ctx, clock: this.clock };
  }

  at(local: string): this {
    this.clock.set(sh(local));
    return this;
  }

  async report(as = 'community'): Promise<string> {
    const point = pointInGrid(this.t);
    const input = createCaseBody.parse({ channel: 'staff', description: '江庄村第一网格路灯坏了三天', demandType: 'help', categoryCode: '0105', location: { lat: point.lat, lng: point.lng, crs: 'wgs84' }, isAnonymous: true, photoIds: [] });
    const { row } = await createCase(this.ctx, await staffActor(this.t, as), input);
    return row.id;
  }

  async act(as: string, caseId: string, action: CaseAction, body: Record<string, unknown> = {}) {
    const [row] = await this.t.ctx.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
    return performCaseAction(this.ctx, await staffActor(this.t, as), caseId, action, parseActionBody(action, { version: row!.version, ...body }));
  }

  /** Reported, accepted and dispatched to the grid, taken by the grid worker: in progress. */
  async inProgress(): Promise<string> {
    const id = await this.report();
    await this.act('community', id, 'accept');
    await this.act('community', id, 'dispatch', { target: { kind: 'grid', id: gridId(this.t) } });
    await this.act('grid-worker', id, 'take');
    return id;
  }

  sweep(ctx: AppContext = this.ctx) {
    return sweepCaseTimers({ ...ctx, clock: this.clock }, timerHandlers);
  }
}

export async function timersOf(t: TestApp, caseId: string) {
  const rows = await t.rows(sql`select kind, due_at, fired_at from case_timers where case_id = ${caseId} order by due_at, kind`);
  return rows.map((r) => ({ kind: String(r['kind']), dueAt: new Date(r['due_at'] as string).toISOString(), fired: r['fired_at'] !== null }));
}

export async function count(t: TestApp, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await t.rows(query);
  return Number(row!['n']);
}

export function expectIso(date: Date | string, local: string) {
  expect(new Date(date).toISOString()).toBe(sh(local).toISOString());
}
