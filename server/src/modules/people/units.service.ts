import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { units } from './people.tables.js';
import { levelLabels, unitKindLevels } from './role-rules.js';
import type { UnitKind } from '../../platform/roles.js';
import { findManagedUnit, managedNodesByCode } from './users.queries.js';
import type { createUnitBody, updateUnitBody } from './people.schema.js';

function selectUnits(db: Database, where?: SQL) {
  return db
    .select({ unit: units, node: { id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level } })
    .from(units)
    .leftJoin(territoryNodes, eq(territoryNodes.id, units.territoryNodeId))
    .where(where)
    .orderBy(units.code)
    .then((rows) =>
      rows.map(({ unit, node }) => ({ id: unit.id, code: unit.code, name: unit.name, shortName: unit.shortName, kind: unit.kind, territoryNode: node, version: unit.version })),
    );
}

/** Every unit (departments, town offices, communities, partners) with the node it works for. */
export function listUnits(ctx: AppContext) {
  return selectUnits(ctx.db);
}

async function getUnit(db: Database, id: string) {
  return (await selectUnits(db, eq(units.id, id)))[0]!;
}

/** The node a unit of this kind may sit at, under the administrator's territory (unknown and outside look alike). */
async function resolveUnitNode(db: Database, admin: StaffActor, kind: UnitKind, code: string | null): Promise<string | null> {
  const rule = unitKindLevels[kind];
  if (code === null) {
    // A unit without a node is county-wide: only a county administrator may create or keep one.
    if (rule.requiresNode || !admin.nodes.some((n) => n.level === 'county')) {
      throw invalidField('territoryNodeCode', { zh: '请选择该单位所在的区划', en: 'choose where the unit works' });
    }
    return null;
  }
  const [node] = await managedNodesByCode(db, admin, [code]);
  if (!node) throw invalidField('territoryNodeCode', { zh: `找不到区划 ${code}`, en: `no such territory node: ${code}` });
  if (!rule.levels.includes(node.level)) {
    throw invalidField('territoryNodeCode', {
      zh: `该类单位只能设在${rule.levels.map((l) => levelLabels[l].zh).join('、')}`,
      en: `a unit of this kind sits at a ${rule.levels.map((l) => levelLabels[l].en.toLowerCase()).join(' or ')}`,
    });
  }
  return node.id;
}

function codeTaken(code: string): AppError {
  return new AppError('CONFLICT', {
    detail: { zh: `单位编码 ${code} 已存在`, en: `The unit code ${code} is taken` },
    fieldErrors: [{ field: 'code', message: { zh: '已被使用', en: 'is taken' } }],
  });
}

async function codeInUse(db: Database, code: string, exceptId?: string) {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.code, code)).limit(1);
  return !!row && row.id !== exceptId;
}

export async function createUnit(ctx: AppContext, actor: Actor, input: z.infer<typeof createUnitBody>) {
  const admin = requirePermission(actor, 'user:admin');
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    const territoryNodeId = await resolveUnitNode(tx, admin, input.kind, input.territoryNodeCode);
    if (await codeInUse(tx, input.code)) throw codeTaken(input.code);
    await tx.insert(units).values({ id, code: input.code, name: input.name, shortName: input.shortName, kind: input.kind, territoryNodeId, createdAt: now, updatedAt: now });
    await recordAudit(tx, admin, { action: 'unit.create', entityType: 'unit', entityId: id, data: { code: input.code, kind: input.kind, territoryNodeId } }, now);
  });
  return getUnit(ctx.db, id);
}

/** Edits a unit the administrator manages (404 otherwise); the version read must still be current. */
export async function updateUnit(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof updateUnitBody>) {
  const admin = requirePermission(actor, 'user:admin');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const unit = await findManagedUnit(tx, admin, id);
    if (!unit) throw notFound({ zh: '找不到该单位', en: 'No such unit' });
    if (unit.version !== input.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: unit.version } });
    const kind = input.kind ?? unit.kind;
    let territoryNodeId = unit.territoryNodeId;
    if (input.territoryNodeCode !== undefined || input.kind !== undefined) {
      const code =
        input.territoryNodeCode !== undefined
          ? input.territoryNodeCode
          : unit.territoryNodeId
            ? ((await tx.select({ code: territoryNodes.code }).from(territoryNodes).where(eq(territoryNodes.id, unit.territoryNodeId)))[0]?.code ?? null)
            : null;
      territoryNodeId = await resolveUnitNode(tx, admin, kind, code);
    }
    if (input.code !== undefined && input.code !== unit.code && (await codeInUse(tx, input.code, id))) throw codeTaken(input.code);
    const next = {
      code: input.code ?? unit.code,
      name: input.name ?? unit.name,
      shortName: input.shortName !== undefined ? input.shortName : unit.shortName,
      kind,
      territoryNodeId,
    };
    const fields = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== unit[k]);
    if (fields.length === 0) return;
    const updated = await tx
      .update(units)
      .set({ ...next, updatedAt: now, version: sql`${units.version} + 1` })
      .where(and(eq(units.id, id), eq(units.version, input.version)))
      .returning({ id: units.id });
    if (updated.length === 0) throw new AppError('STALE_VERSION');
    const data: Record<string, unknown> = { fields };
    if (fields.includes('code')) Object.assign(data, { oldCode: unit.code, newCode: next.code });
    if (fields.includes('kind')) Object.assign(data, { oldKind: unit.kind, newKind: kind });
    if (fields.includes('territoryNodeId')) Object.assign(data, { oldTerritoryNodeId: unit.territoryNodeId, newTerritoryNodeId: territoryNodeId });
    await recordAudit(tx, admin, { action: 'unit.update', entityType: 'unit', entityId: id, data }, now);
  });
  return getUnit(ctx.db, id);
}
