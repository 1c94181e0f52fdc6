import type { SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import type { Actor, StaffActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { AuditActor } from '../../platform/audit/audit.record.js';
import type { VerificationRule } from '../categories/categories.tables.js';
import type { CaseAction } from './case-machine.js';
import type { CasePhotos } from './case-photos.js';
import type { CaseFacts } from './cases.policy.js';
import type { ActionBodies } from './cases.schema.js';
import type { cases, CaseRow } from './cases.tables.js';

/**
 * Who changes a case: a staff member (the console, the app, an import), the system (a deadline
 * handler escalating an overdue case) or the reporter (rating the result from the tracking page or
 * 我的诉求). `decide` knows all three (cases.policy.ts).
 */
export type CaseActor = StaffActor | SystemCaseActor | ReporterCaseActor;

export interface SystemCaseActor {
  kind: 'system';
}

export interface ReporterCaseActor {
  kind: 'reporter';
  /** Where the rating came from: the public tracking page or the signed-in resident's 我的诉求. */
  channel: 'tracking' | 'resident';
  residentId: string | null;
  /** Who the audit row names (the public caller or the resident). */
  audit: Actor | AuditActor;
}

export const systemCaseActor: SystemCaseActor = { kind: 'system' };

/** For effects only staff reach (`decide` refuses the others first): the staff member, narrowed. */
export function staffOnly(actor: CaseActor): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return actor;
}

/** What an action changes: columns of the case, and the event's note and references. */
export interface ActionEffect {
  patch: Partial<typeof cases.$inferInsert>;
  note: string | null;
  data: Record<string, unknown>;
  /** Overrides the transition's target (a rating may close, rework or reopen the case). */
  status?: CaseRow['status'];
}

export interface EffectInput<A extends CaseAction> {
  ctx: AppContext;
  tx: Database;
  row: CaseRow;
  facts: CaseFacts;
  actor: CaseActor;
  body: ActionBodies[A];
  now: Date;
}

export type EffectFn<A extends CaseAction> = (input: EffectInput<A>) => Promise<ActionEffect>;

export type ActionEffects = { [A in CaseAction]?: EffectFn<A> };

/** A new case as intake is about to write it (its number is given by the insert statement). */
export type IntakeCase = Omit<CaseRow, 'number'>;

/** A change just written (case row, event, audit), as the listeners of an extension see it, in its transaction. */
export interface CaseChange {
  action: CaseAction;
  actor: CaseActor;
  /** The case before and after the action (after: as updated in this transaction). */
  before: CaseRow;
  after: CaseRow;
  /** The case_events row of the action. */
  caseEventId: string;
  at: Date;
}

/**
 * What a module above cases plugs into it (docs/architecture.md "Modules"): cases declares the
 * shape, each module's manifest provides one (`caseExtension`), feature-modules.ts gathers them into the
 * context (`ctx.caseExtensions`), so cases imports none of the modules that extend it.
 */
export interface CaseExtension {
  /** Effects of the actions this module owns (whistle, check-in, rate …). */
  effects?: ActionEffects;
  /** Facts the policy needs that this module keeps (whistle parties, ratings), per case id. */
  facts?: (db: Database, rows: CaseRow[], now: Date) => Promise<Map<string, Partial<CaseFacts>>>;
  /** After every change of a case, in its transaction (deadline timers, the notification outbox). */
  afterChange?: (tx: Database, change: CaseChange) => Promise<void>;
  /** After a case is reported, in intake's transaction. */
  afterIntake?: (tx: Database, row: CaseRow, at: Date) => Promise<void>;
  /**
   * Rows a new case needs from this module, written by intake's one insert statement: each an `insert …`
   * that becomes a data-modifying CTE of it (deadline timers). Prepared before the transaction (reads on `db`),
   * so intake stays one statement — measured: a statement per row instead cost a quarter of intake's rate.
   */
  intakeInserts?: (db: Database, row: IntakeCase, at: Date) => Promise<SQL[]>;
  /**
   * Suggests the category of a report that came without one (classification): intake applies `apply`
   * when set and writes `inserts` (the suggestion's record) with the case, in its one statement.
   */
  suggestCategory?: (ctx: AppContext, report: IntakeReport) => Promise<IntakeSuggestion | null>;
  /** Where a case came from, when this module raised it (a visit's 一键上报), for the case detail. */
  originOf?: (db: Database, row: CaseRow) => Promise<CaseOrigin | null>;
  /** The photos port (modules/photos). */
  photos?: CasePhotos;
  /** What the reporter's tracking page shows about rating. */
  ratingStateOf?: (db: Database, row: CaseRow, verification: VerificationRule) => Promise<RatingState>;
}

/** What intake knows of a report when it asks for a suggestion. */
export interface IntakeReport {
  description: string;
  channel: string;
  /** The located territory node's path (`/county/town/…/`). */
  territoryPath: string;
}

export interface IntakeSuggestion {
  /** The category code to apply (its confidence reached the county's threshold), or null: triage decides. */
  apply: string | null;
  /** The suggestion's own rows, as `insert …` statements that become CTEs of intake's insert. */
  inserts: (row: IntakeCase) => SQL[];
}

/** The visit and household a case was raised from. */
export interface CaseOrigin {
  visitId: string;
  householdId: string;
  address: string;
}

export interface RatingState {
  canRate: boolean;
  /** True when a rating here closes the case (the reporter verifies the result). */
  confirmsClosing: boolean;
  last: { rating: 'satisfied' | 'fairlySatisfied' | 'dissatisfied'; comment: string | null; at: string } | null;
}


declare module '../../platform/context.js' {
  interface ModuleContext {
    /** What the modules above cases plug into it (feature-modules.ts gathers them from their manifests). */
    caseExtensions: readonly CaseExtension[];
  }
}
