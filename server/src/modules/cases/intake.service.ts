import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { actorCoversPath, requirePermission, requireScopedPermission, type Actor, type ResidentActor } from '../../platform/actor.js';
import type { CaseLevel, Colour } from '../categories/categories.tables.js';
import { caseLimits, respondByFrom } from '../deadlines/index.js';
import { findNodeById } from '../territory/index.js';
import { auditActorOf } from '../../platform/audit/audit.record.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { casePhotos, type PhotoClaim } from './case-photos.js';
import { ensureDaySequence, insertReportedCase } from './case-insert.js';
import { resolveCaseLocation, type ResolvedLocation } from './case-location.js';
import { findCaseByIdempotencyKey } from './cases.queries.js';
import { newTrackingCode } from './tracking.service.js';
import type { CreateCaseInput } from './cases.schema.js';
import type { IntakeCase, IntakeReport, IntakeSuggestion } from './case-extension.js';
import type { CaseRow } from './cases.tables.js';

export interface IntakeResult {
  row: CaseRow;
  /** True when an Idempotency-Key replay returned the case created earlier. */
  isReplay: boolean;
  /** The `create` event as written (new cases only). */
  createdEvent?: { id: string; data: Record<string, unknown> };
}

/** Stable JSON (sorted keys) so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function idempotencyScope(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return `staff:${actor.id}`;
    case 'integration':
      return `apikey:${actor.id}`;
    case 'resident':
      return `resident:${actor.id}`;
    default:
      return 'public';
  }
}

/** The channels an integration reports through (hotline import, Open311 clients, SMS and email gateways). */
export const integrationChannels: readonly string[] = ['hotline', 'open311', 'sms', 'email'];

function startingLevel(precision: ResolvedLocation['precision']): CaseLevel {
  return precision === 'grid' ? 'grid' : precision === 'village' ? 'village' : 'town';
}

export interface IntakeOptions {
  /** Same key + same body from the same caller: the case created the first time. */
  idempotencyKey?: string | undefined;
  /** What the report's photos must be covered by (default: the caller's own uploads). */
  photoClaim?: PhotoClaim;
  /** The caller's own writes about the new case, in intake's transaction (a visit links the case it raised). */
  alongside?: (tx: Database, row: CaseRow) => Promise<void>;
}

/**
 * Records a new case (上报): validates who may report through which channel, locates it,
 * numbers it, sets its colour, level and respond deadline, and writes the case with its first
 * event in one transaction, its own. Idempotent per caller and `Idempotency-Key`.
 */
export async function createCase(ctx: AppContext, actor: Actor, input: CreateCaseInput, options: IntakeOptions = {}): Promise<IntakeResult> {
  const { idempotencyKey, photoClaim = casePhotos(ctx).claimOf(actor) } = options;
  if (actor.kind === 'public' || actor.kind === 'resident') {
    if (input.channel !== 'resident_app') {
      throw new AppError('UNAUTHENTICATED', {
        detail: { zh: '群众上报请使用 resident_app 渠道；其他渠道需工作人员登录', en: 'Residents report through resident_app; other channels need a staff sign-in' },
      });
    }
  } else if (actor.kind === 'integration') {
    requireScopedPermission(actor, 'case:create');
    if (!integrationChannels.includes(input.channel)) {
      throw new AppError('FORBIDDEN', {
        detail: { zh: 'API 密钥只能通过 hotline、open311、sms 或 email 渠道上报', en: 'API keys report through the hotline, open311, sms or email channel' },
      });
    }
  } else {
    requirePermission(actor, 'case:create');
  }

  const scope = idempotencyScope(actor);
  const requestHash = createHash('sha256').update(canonical(input)).digest('base64url');
  if (idempotencyKey) {
    const existing = await findCaseByIdempotencyKey(ctx.db, scope, idempotencyKey);
    if (existing) return replay(existing, requestHash);
  }

  let category = input.categoryCode ? ctx.categories.get(input.categoryCode) : undefined;
  if (input.categoryCode && (!category || !category.isActive)) {
    throw invalidField('categoryCode', { zh: `小类 ${input.categoryCode} 不存在或已停用`, en: `category ${input.categoryCode} does not exist or is inactive` });
  }

  let location = await resolveCaseLocation(ctx, input.location);
  if (actor.kind === 'staff' || actor.kind === 'integration') {
    if (location.precision === 'county' && !actorCoversPath(actor, location.territoryPath) && actor.nodes[0]) {
      // Staff (or a hotline import) taking a call with no usable place: it waits in their own territory's queue.
      const home = await findNodeById(ctx.db, actor.nodes[0].id);
      if (home) location = { ...location, territoryNodeId: home.id, territoryPath: home.path, precision: home.level === 'grid' ? 'grid' : home.level };
    }
    if (!actorCoversPath(actor, location.territoryPath)) {
      throw invalidField('location', { zh: '该位置不在您负责的区域内', en: 'The location is outside your territory' });
    }
  }

  // No category given: an extension may suggest one (applied only above the county's threshold).
  const suggestion = category ? null : await suggestCategory(ctx, { description: input.description, channel: input.channel, territoryPath: location.territoryPath });
  if (suggestion?.apply) category = ctx.categories.get(suggestion.apply);

  const now = ctx.clock.now();
  const colour: Colour = category?.colour ?? 'green';
  const level: CaseLevel = category?.level ?? startingLevel(location.precision);
  const respondBy = respondByFrom(now, await caseLimits(ctx.db, { categoryCode: category?.code ?? null, colour, level }));
  const reporter = input.isAnonymous ? null : encryptReporter(ctx, input.reporter, actor.kind === 'resident' ? actor : null);
  const id = newId();

  const caseValues = {
    id,
    countyCode: ctx.config.countyCode,
    channel: input.channel,
    demandType: input.demandType,
    categoryCode: category?.code ?? null,
    description: input.description,
    status: 'reported' as const,
    colour,
    level,
    territoryNodeId: location.territoryNodeId,
    territoryPath: location.territoryPath,
    gridId: location.gridId,
    basicGridId: location.basicGridId,
    lat: location.lat,
    lng: location.lng,
    address: location.address,
    reporterId: reporter?.id ?? null,
    isAnonymous: input.isAnonymous,
    // Sealed and stored (one more column of the single insert), so a key rotation never changes it.
    trackingCodeEncrypted: ctx.secrets.encrypt(newTrackingCode()),
    respondBy,
    hasLeftGrid: level !== 'grid',
    createdById: actor.kind === 'staff' ? actor.id : null,
    idempotencyScope: idempotencyKey ? scope : null,
    idempotencyKey: idempotencyKey ?? null,
    requestHash: idempotencyKey ? requestHash : null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const createdEvent = {
      id: newId(),
      data: {
        channel: input.channel,
        locatedTo: location.precision,
        ...(reporter ? { reporterId: reporter.id } : {}),
        ...(actor.kind === 'integration' ? { apiKeyId: actor.id } : {}),
      },
    };
    const photoIds = input.photoIds ?? [];
    // What the extensions write with the case (deadline timers), read and prepared before the transaction:
    // PGlite has one connection, held by the transaction.
    const intakeCase = newIntakeCase(caseValues);
    const extensionInserts: SQL[] = [...(suggestion?.inserts(intakeCase) ?? [])];
    for (const extension of ctx.caseExtensions) extensionInserts.push(...((await extension.intakeInserts?.(ctx.db, intakeCase, now)) ?? []));
    // The day's number sequence is created (once) in its own statement: never rolled back with a failed intake.
    await ensureDaySequence(ctx, ctx.config.countyCode, now);
    // Intake's one transaction: the insert statement, the photos (all free and the caller's, else 400
    // naming the others), what the extensions add (deadline timers, the case-reported notifications)
    // and the caller's `alongside` — either the case and all of that exist, or none of it.
    const row = await ctx.db.transaction(async (tx) => {
      const inserted = await insertReportedCase(tx, ctx.config.countyCode, {
        reporter: reporter ? { id: reporter.id, ...reporter.values, createdAt: now } : null,
        case: caseValues,
        event: {
          id: createdEvent.id,
          caseId: id,
          action: 'create',
          fromStatus: null,
          toStatus: 'reported',
          actorId: actor.kind === 'staff' ? actor.id : null,
          actorRole: actor.kind === 'staff' ? actor.role : actor.kind === 'integration' ? 'integration' : 'resident',
          data: createdEvent.data,
          createdAt: now,
        },
        photoIds,
        auditActor: auditActorOf(actor),
        extensionInserts,
      });
      await casePhotos(ctx).attach(tx, { caseId: id, ids: photoIds, kind: 'report', now, claim: photoClaim, field: 'photoIds' });
      const created = newCaseRow(caseValues, inserted);
      for (const extension of ctx.caseExtensions) await extension.afterIntake?.(tx, created, now);
      await options.alongside?.(tx, created);
      return created;
    });
    return { row, isReplay: false, createdEvent };
  } catch (error) {
    // Two requests with the same key raced (PostgreSQL): the loser answers with the winner's case.
    if (idempotencyKey && isUniqueViolation(error)) {
      const existing = await findCaseByIdempotencyKey(ctx.db, scope, idempotencyKey);
      if (existing) return replay(existing, requestHash);
    }
    throw error;
  }
}

/** The first extension's suggestion for a report without a category; a failing suggester never stops a report. */
async function suggestCategory(ctx: AppContext, report: IntakeReport): Promise<IntakeSuggestion | null> {
  for (const extension of ctx.caseExtensions) {
    if (!extension.suggestCategory) continue;
    const suggestion = await extension.suggestCategory(ctx, report).catch(() => null);
    if (suggestion) {
      const applied = suggestion.apply ? ctx.categories.get(suggestion.apply) : undefined;
      return { ...suggestion, apply: applied?.isActive ? applied.code : null };
    }
  }
  return null;
}

/** The row as the database now holds it: what we inserted plus the columns' defaults. */
function newCaseRow(values: Omit<CaseRow, 'number' | keyof typeof rowDefaults>, number: string): CaseRow {
  return { ...newIntakeCase(values), number };
}

/** The row intake is about to insert (all but its number). */
function newIntakeCase(values: Omit<CaseRow, 'number' | keyof typeof rowDefaults>): IntakeCase {
  return { ...rowDefaults, ...values };
}

const rowDefaults = {
  assigneeKind: null,
  assigneeNodeId: null,
  assigneeUnitId: null,
  assigneeUserId: null,
  handlerId: null,
  respondedAt: null,
  resolveBy: null,
  acceptedAt: null,
  handledAt: null,
  closedAt: null,
  mergedIntoId: null,
  escalationCount: 0,
  reworkCount: 0,
  reopenCount: 0,
  extensionCount: 0,
  extensionHours: 0,
  pendingExtensionHours: null,
  pendingExtensionById: null,
  longTermUntil: null,
  version: 1,
} satisfies Partial<CaseRow>;

function replay(existing: CaseRow, requestHash: string): IntakeResult {
  if (existing.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', {
      detail: {
        zh: '此 Idempotency-Key 已用于另一份不同的上报内容；新的上报请换一个键',
        en: 'This Idempotency-Key was used for a different report; use a new key for a new report',
      },
    });
  }
  return { row: existing, isReplay: true };
}

/**
 * The reporter row's sealed values. A signed-in resident's report is linked to their account, and
 * without a phone typed in it carries the account's phone (its ciphertext and hash, copied as is).
 */
function encryptReporter(ctx: AppContext, reporter: CreateCaseInput['reporter'], resident: ResidentActor | null) {
  if (!reporter?.name && !reporter?.phone && !resident) return null;
  return {
    id: newId(),
    values: {
      nameEncrypted: reporter?.name ? ctx.secrets.encrypt(reporter.name) : null,
      phoneEncrypted: reporter?.phone ? ctx.secrets.encrypt(reporter.phone) : (resident?.phoneEncrypted ?? null),
      phoneHash: reporter?.phone ? ctx.secrets.lookupHash(reporter.phone) : (resident?.phoneHash ?? null),
      residentId: resident?.id ?? null,
    },
  };
}
