import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { actorCoversPath, requirePermission, type Actor } from '../../platform/actor.js';
import { isUnder } from '../../platform/territory-path.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { cadenceRows, type Cadence, type CadenceRow } from './cadence-rules.js';
import { requestReplan, townsUnder } from './replan.service.js';
import { visitCadences } from './visits.tables.js';

const present = (r: CadenceRow) => ({ ...r, updatedAt: r.updatedAt.toISOString() });

/** The rules on the caller's nodes, above them (what they inherit) and under them. */
export async function listCadences(ctx: AppContext, actorInput: Actor) {
  const actor = requirePermission(actorInput, 'visit:read');
  const rows = await cadenceRows(ctx.db);
  const visible = rows.filter((r) => actor.nodes.some((n) => isUnder(r.path, n.path) || isUnder(n.path, r.path)));
  return { items: visible.map(present) };
}

export interface PutCadenceInput extends Cadence {
  nodeId: string;
  version?: number | undefined;
}

/**
 * Sets the rule of a town or village (an administrator may also set the county default). The node
 * must lie under the caller's nodes (404 otherwise); editing an existing rule needs its version.
 * The towns concerned are re-planned by the `visits.replan` job.
 */
export async function putCadence(ctx: AppContext, actorInput: Actor, input: PutCadenceInput) {
  const actor = requirePermission(actorInput, 'visit:plan');
  const [node] = await ctx.db.select().from(territoryNodes).where(eq(territoryNodes.id, input.nodeId)).limit(1);
  if (!node || !actorCoversPath(actor, node.path)) throw notFound({ zh: '找不到该区划', en: 'No such territory node' });
  const allowedLevels = actor.role === 'admin' ? ['county', 'town', 'village'] : ['town', 'village'];
  if (!allowedLevels.includes(node.level)) {
    throw invalidField('nodeId', { zh: '走访节奏只能设在镇(街道)或村(社区)上', en: 'A cadence is set on a town or a village' });
  }
  const now = ctx.clock.now();
  const values = { householdsPerDay: input.householdsPerDay, cycleDays: input.cycleDays, workingDaysOnly: input.workingDaysOnly };
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(visitCadences).where(eq(visitCadences.nodeId, node.id)).for('update');
    if (existing) {
      if (input.version !== existing.version) {
        throw new AppError('STALE_VERSION', { detail: { zh: '该走访节奏已被他人修改，请刷新后重试', en: 'The cadence changed meanwhile; reload and retry' } });
      }
      await tx
        .update(visitCadences)
        .set({ ...values, version: existing.version + 1, updatedById: actor.id, updatedAt: now })
        .where(and(eq(visitCadences.id, existing.id), eq(visitCadences.version, existing.version)));
    } else {
      if (input.version !== undefined) throw new AppError('STALE_VERSION', { detail: { zh: '该走访节奏已被删除或不存在', en: 'This cadence does not exist' } });
      await tx.insert(visitCadences).values({ id: newId(), nodeId: node.id, ...values, updatedById: actor.id, createdAt: now, updatedAt: now });
    }
    await recordAudit(tx, actor, { action: 'visit.cadence', entityType: 'territory_node', entityId: node.id, data: values }, now);
    for (const town of await townsUnder(tx, node.path)) await requestReplan(tx, town.id, now);
  });
  const rows = await cadenceRows(ctx.db);
  return present(rows.find((r) => r.nodeId === node.id)!);
}
