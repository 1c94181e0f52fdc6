import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { units } from '../people/people.tables.js';
import { categories, categoryGroups, demandTypes, type CategoryRow } from './categories.tables.js';
import { announceCategoryChange } from './category-cache.js';
import type { createCategoryBody, createGroupBody, updateCategoryBody, updateGroupBody } from './categories.schema.js';

async function unitCodeMap(ctx: AppContext) {
  const rows = await ctx.db.select({ id: units.id, code: units.code }).from(units);
  return { byId: new Map(rows.map((u) => [u.id, u.code])), byCode: new Map(rows.map((u) => [u.code, u.id])) };
}

function present(row: CategoryRow, unitCodes: Map<string, string>) {
  const { defaultUnitId, sortOrder: _sortOrder, ...rest } = row;
  return { ...rest, defaultUnitCode: defaultUnitId ? (unitCodes.get(defaultUnitId) ?? null) : null };
}

/** For the audit trail: each field that changes, with its value before and after. */
function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to !== undefined && before[field] !== to) changes[field] = { from: before[field] ?? null, to };
  }
  return changes;
}

/** The whole taxonomy: demand types and 大类 with their 小类. Readable by anyone (residents pick from it). */
export async function getTaxonomy(ctx: AppContext, includeInactive: boolean) {
  const [types, groups, cats, unitCodes] = await Promise.all([
    ctx.db.select().from(demandTypes).orderBy(demandTypes.sortOrder),
    ctx.db.select().from(categoryGroups).orderBy(categoryGroups.sortOrder, categoryGroups.code),
    ctx.db.select().from(categories).orderBy(categories.sortOrder, categories.code),
    unitCodeMap(ctx),
  ]);
  return {
    demandTypes: types.map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
    groups: groups
      .filter((g) => includeInactive || g.isActive)
      .map((g) => ({
        ...g,
        categories: cats.filter((c) => c.groupCode === g.code && (includeInactive || c.isActive)).map((c) => present(c, unitCodes.byId)),
      })),
  };
}

export async function findCategory(ctx: AppContext, code: string) {
  const [row] = await ctx.db.select().from(categories).where(eq(categories.code, code)).limit(1);
  return row;
}

async function resolveUnit(ctx: AppContext, code: string | null | undefined): Promise<string | null | undefined> {
  if (code === undefined) return undefined;
  if (code === null) return null;
  const { byCode } = await unitCodeMap(ctx);
  const id = byCode.get(code);
  if (!id) throw invalidField('defaultUnitCode', { zh: `单位 ${code} 不存在`, en: `unit ${code} does not exist` });
  return id;
}

async function requireGroup(ctx: AppContext, code: string) {
  const [group] = await ctx.db.select().from(categoryGroups).where(eq(categoryGroups.code, code)).limit(1);
  if (!group) throw invalidField('groupCode', { zh: `大类 ${code} 不存在`, en: `category group ${code} does not exist` });
}

export async function createCategory(ctx: AppContext, actor: Actor, input: z.infer<typeof createCategoryBody>) {
  requirePermission(actor, 'category:edit');
  await requireGroup(ctx, input.groupCode);
  if (await findCategory(ctx, input.code)) {
    throw new AppError('CONFLICT', { detail: { zh: `小类编码 ${input.code} 已存在`, en: `category ${input.code} already exists` } });
  }
  const { defaultUnitCode, ...fields } = input;
  const defaultUnitId = (await resolveUnit(ctx, defaultUnitCode)) ?? null;
  await ctx.db.transaction(async (tx) => {
    await tx.insert(categories).values({ ...fields, defaultUnitId });
    await recordAudit(tx, actor, { action: 'category.create', entityType: 'category', entityId: input.code, data: { ...fields, defaultUnitCode } }, ctx.clock.now());
  });
  await announceCategoryChange(ctx);
  return present((await findCategory(ctx, input.code))!, (await unitCodeMap(ctx)).byId);
}

export async function updateCategory(ctx: AppContext, actor: Actor, code: string, input: z.infer<typeof updateCategoryBody>) {
  requirePermission(actor, 'category:edit');
  const existing = await findCategory(ctx, code);
  if (!existing) throw notFound({ zh: `小类 ${code} 不存在`, en: `category ${code} does not exist` });
  if (input.groupCode) await requireGroup(ctx, input.groupCode);
  const { version, defaultUnitCode, ...fields } = input;
  const defaultUnitId = await resolveUnit(ctx, defaultUnitCode);
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(categories)
      .set({ ...fields, ...(defaultUnitId !== undefined ? { defaultUnitId } : {}), version: sql`${categories.version} + 1` })
      .where(and(eq(categories.code, code), eq(categories.version, version)))
      .returning({ code: categories.code, version: categories.version });
    if (updated.length === 0) throw new AppError('STALE_VERSION');
    const after = { ...fields, ...(defaultUnitId !== undefined ? { defaultUnitId } : {}) };
    await recordAudit(
      tx,
      actor,
      { action: 'category.update', entityType: 'category', entityId: code, data: { version: updated[0]!.version, changes: changesOf(existing, after) } },
      ctx.clock.now(),
    );
  });
  await announceCategoryChange(ctx);
  return present((await findCategory(ctx, code))!, (await unitCodeMap(ctx)).byId);
}

export async function createGroup(ctx: AppContext, actor: Actor, input: z.infer<typeof createGroupBody>) {
  requirePermission(actor, 'category:edit');
  const [existing] = await ctx.db.select().from(categoryGroups).where(eq(categoryGroups.code, input.code));
  if (existing) throw new AppError('CONFLICT', { detail: { zh: `大类编码 ${input.code} 已存在`, en: `group ${input.code} already exists` } });
  await ctx.db.transaction(async (tx) => {
    await tx.insert(categoryGroups).values(input);
    await recordAudit(tx, actor, { action: 'category_group.create', entityType: 'category_group', entityId: input.code, data: { ...input } }, ctx.clock.now());
  });
  const [row] = await ctx.db.select().from(categoryGroups).where(eq(categoryGroups.code, input.code));
  return { ...row!, categories: [] };
}

export async function updateGroup(ctx: AppContext, actor: Actor, code: string, input: z.infer<typeof updateGroupBody>) {
  requirePermission(actor, 'category:edit');
  const { version, ...fields } = input;
  const [existing] = await ctx.db.select().from(categoryGroups).where(eq(categoryGroups.code, code));
  if (!existing) throw notFound({ zh: `大类 ${code} 不存在`, en: `category group ${code} does not exist` });
  const updated = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(categoryGroups)
      .set({ ...fields, version: sql`${categoryGroups.version} + 1` })
      .where(and(eq(categoryGroups.code, code), eq(categoryGroups.version, version)))
      .returning();
    if (rows.length === 0) throw new AppError('STALE_VERSION');
    await recordAudit(
      tx,
      actor,
      { action: 'category_group.update', entityType: 'category_group', entityId: code, data: { version: rows[0]!.version, changes: changesOf(existing, fields) } },
      ctx.clock.now(),
    );
    return rows;
  });
  const unitCodes = (await unitCodeMap(ctx)).byId;
  const cats = await ctx.db.select().from(categories).where(eq(categories.groupCode, code)).orderBy(categories.code);
  return { ...updated[0]!, categories: cats.map((c) => present(c, unitCodes)) };
}
