import { and, desc, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { recordAudit, systemActor, type AuditActor } from '../../platform/audit/audit.record.js';
import { classificationSettings, classifierModels, type ClassifierModelRow, type ModelKind } from './classification.tables.js';
import { defaultApplyThreshold, forgetActiveModels, readModelFile } from './model-store.js';

/** A model as listed: everything but its file. */
export type ModelSummary = Omit<ClassifierModelRow, 'file'> & { loads: boolean };

const summaryColumns = {
  id: classifierModels.id,
  kind: classifierModels.kind,
  version: classifierModels.version,
  status: classifierModels.status,
  source: classifierModels.source,
  seed: classifierModels.seed,
  trainedOn: classifierModels.trainedOn,
  heldOut: classifierModels.heldOut,
  evaluation: classifierModels.evaluation,
  sha256: classifierModels.sha256,
  trainingMs: classifierModels.trainingMs,
  trainedById: classifierModels.trainedById,
  trainedAt: classifierModels.trainedAt,
  activatedById: classifierModels.activatedById,
  activatedAt: classifierModels.activatedAt,
};

/** Every model of the county, newest first per kind. */
export async function listModels(ctx: AppContext, actor: Actor): Promise<Omit<ClassifierModelRow, 'file'>[]> {
  requirePermission(actor, 'classification:admin');
  return ctx.db.select(summaryColumns).from(classifierModels).orderBy(classifierModels.kind, desc(classifierModels.version));
}

export async function getModel(ctx: AppContext, actor: Actor, id: string): Promise<ModelSummary> {
  requirePermission(actor, 'classification:admin');
  const [row] = await ctx.db.select().from(classifierModels).where(eq(classifierModels.id, id));
  if (!row) throw modelNotFound();
  const { file, ...summary } = row;
  return { ...summary, loads: readModelFile(file, row.sha256) !== null };
}

/**
 * Switches a model on: the kind's active model (if any) is retired, this one becomes active. A model whose
 * file does not load is refused (422), so a switch never turns suggestions off by accident.
 */
export async function activateModel(ctx: AppContext, actor: Actor, id: string): Promise<ModelSummary> {
  const staff = requirePermission(actor, 'classification:admin');
  await switchOn(ctx, await getModel(ctx, actor, id), actor, staff.id);
  return getModel(ctx, actor, id);
}

/**
 * The demo's first start: its first trained models are switched on at once (audited as the system), so
 * suggestions work from the first report. A real county reads the evaluation first.
 */
export async function switchOnForDemo(ctx: AppContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const [row] = await ctx.db.select().from(classifierModels).where(eq(classifierModels.id, id));
    if (!row) continue;
    const { file, ...summary } = row;
    await switchOn(ctx, { ...summary, loads: readModelFile(file, row.sha256) !== null }, systemActor, null);
  }
}

async function switchOn(ctx: AppContext, model: ModelSummary, by: Actor | AuditActor, staffId: string | null): Promise<void> {
  if (!model.loads) {
    throw new AppError('UNPROCESSABLE', { detail: { zh: `模型 v${model.version} 的文件已损坏，不能启用`, en: `Model v${model.version}'s file is corrupt; it cannot be switched on` } });
  }
  if (model.status === 'active') return;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(classifierModels)
      .set({ status: 'retired' })
      .where(and(eq(classifierModels.kind, model.kind), eq(classifierModels.status, 'active'), ne(classifierModels.id, model.id)));
    await tx.update(classifierModels).set({ status: 'active', activatedAt: now, activatedById: staffId }).where(eq(classifierModels.id, model.id));
    await recordAudit(tx, by, { action: 'classification.activate', entityType: 'classifier_model', entityId: model.id, data: { kind: model.kind, version: model.version } }, now);
  });
  forgetActiveModels(ctx.db);
}

/** Back to the model that was active before the current one (the latest retired one); 409 when there is none. */
export async function rollbackModel(ctx: AppContext, actor: Actor, kind: ModelKind): Promise<ModelSummary> {
  requirePermission(actor, 'classification:admin');
  const [current] = await ctx.db.select({ id: classifierModels.id }).from(classifierModels).where(and(eq(classifierModels.kind, kind), eq(classifierModels.status, 'active')));
  const [previous] = await ctx.db
    .select({ id: classifierModels.id })
    .from(classifierModels)
    .where(and(eq(classifierModels.kind, kind), eq(classifierModels.status, 'retired')))
    .orderBy(desc(classifierModels.activatedAt))
    .limit(1);
  if (!current || !previous) {
    throw new AppError('CONFLICT', { detail: { zh: '没有可回退的上一个版本', en: 'There is no previous version to roll back to' } });
  }
  return activateModel(ctx, actor, previous.id);
}

/** Switches suggestions of a kind off: its active model is retired (it can be switched on again). */
export async function deactivateModels(ctx: AppContext, actor: Actor, kind: ModelKind): Promise<void> {
  requirePermission(actor, 'classification:admin');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const retired = await tx
      .update(classifierModels)
      .set({ status: 'retired' })
      .where(and(eq(classifierModels.kind, kind), eq(classifierModels.status, 'active')))
      .returning({ id: classifierModels.id, version: classifierModels.version });
    if (retired[0]) await recordAudit(tx, actor, { action: 'classification.deactivate', entityType: 'classifier_model', entityId: retired[0].id, data: { kind, version: retired[0].version } }, now);
  });
  forgetActiveModels(ctx.db);
}

export interface ClassificationSettings {
  applyThreshold: number;
  version: number;
}

export async function readSettings(ctx: AppContext, actor: Actor): Promise<ClassificationSettings> {
  requirePermission(actor, 'classification:admin');
  const [row] = await ctx.db.select({ applyThreshold: classificationSettings.applyThreshold, version: classificationSettings.version }).from(classificationSettings);
  return row ?? { applyThreshold: defaultApplyThreshold, version: 0 };
}

/** Sets the confidence above which a suggested category is applied; `version` guards against a concurrent edit. */
export async function updateSettings(ctx: AppContext, actor: Actor, input: ClassificationSettings): Promise<ClassificationSettings> {
  const staff = requirePermission(actor, 'classification:admin');
  const now = ctx.clock.now();
  const saved = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select({ version: classificationSettings.version }).from(classificationSettings).for('update');
    if ((current?.version ?? 0) !== input.version) throw new AppError('STALE_VERSION');
    const [row] = await tx
      .insert(classificationSettings)
      .values({ id: 1, applyThreshold: input.applyThreshold, version: 1, updatedById: staff.id, updatedAt: now })
      .onConflictDoUpdate({ target: classificationSettings.id, set: { applyThreshold: input.applyThreshold, version: input.version + 1, updatedById: staff.id, updatedAt: now } })
      .returning({ applyThreshold: classificationSettings.applyThreshold, version: classificationSettings.version });
    await recordAudit(tx, actor, { action: 'classification.settings', entityType: 'classification_settings', entityId: '1', data: { applyThreshold: input.applyThreshold } }, now);
    return row!;
  });
  forgetActiveModels(ctx.db);
  return saved;
}

function modelNotFound(): AppError {
  return notFound({ zh: '找不到该模型', en: 'No such model' });
}
