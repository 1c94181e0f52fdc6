import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { caseLevels, categories, colours } from '../categories/categories.tables.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { caseLimits, invalidatePolicies, specificity } from './deadline-policies.js';
import { deadlinePolicies, type DeadlinePolicyRow } from './deadlines.tables.js';
import type { createPolicyBody, resolveQuery, updatePolicyBody } from './deadlines.schema.js';

function present(row: DeadlinePolicyRow) {
  const { updatedById: _by, ...rest } = row;
  return { ...rest, warnFraction: Number(row.warnFraction), specificity: specificity(row) };
}

const duplicate = () =>
  new AppError('CONFLICT', {
    detail: { zh: '已有一条相同 小类 × 颜色 × 层级 的策略，请编辑那一条', en: 'A policy for the same category × colour × level exists; edit that one' },
  });

async function requireCategory(ctx: AppContext, code: string | null | undefined) {
  if (!code) return;
  const [row] = await ctx.db.select({ code: categories.code }).from(categories).where(eq(categories.code, code));
  if (!row) throw invalidField('categoryCode', { zh: `小类 ${code} 不存在`, en: `category ${code} does not exist` });
}

/** Every policy, most specific first (the order in which they win). Readable by all staff. */
export async function listPolicies(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'case:read');
  const rows = await ctx.db.select().from(deadlinePolicies);
  const rank = (list: readonly string[], value: string | null) => (value === null ? list.length : list.indexOf(value));
  const policies = rows
    .map(present)
    .sort(
      (a, b) =>
        b.specificity - a.specificity ||
        (a.categoryCode ?? '').localeCompare(b.categoryCode ?? '') ||
        rank(colours, a.colour) - rank(colours, b.colour) ||
        rank(caseLevels, a.level) - rank(caseLevels, b.level),
    );
  return { policies };
}

/** Which limits a case of this category × colour × level gets, and from where (precedence made visible). */
export async function resolvePolicy(ctx: AppContext, actor: Actor, query: z.infer<typeof resolveQuery>) {
  requirePermission(actor, 'case:read');
  return caseLimits(ctx.db, { categoryCode: query.categoryCode ?? null, colour: query.colour, level: query.level });
}

async function withWrite<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  } finally {
    invalidatePolicies(ctx.db);
  }
}

export async function createPolicy(ctx: AppContext, actor: Actor, input: z.infer<typeof createPolicyBody>) {
  const staff = requirePermission(actor, 'category:edit');
  await requireCategory(ctx, input.categoryCode);
  const now = ctx.clock.now();
  const id = newId();
  await withWrite(ctx, () =>
    ctx.db.transaction(async (tx) => {
      await tx.insert(deadlinePolicies).values({ id, ...input, updatedAt: now, updatedById: staff.id });
      await recordAudit(tx, actor, { action: 'deadline_policy.create', entityType: 'deadline_policy', entityId: id, data: { ...input } }, now);
    }),
  );
  const [row] = await ctx.db.select().from(deadlinePolicies).where(eq(deadlinePolicies.id, id));
  return present(row!);
}

export async function updatePolicy(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof updatePolicyBody>) {
  const staff = requirePermission(actor, 'category:edit');
  const [existing] = await ctx.db.select().from(deadlinePolicies).where(eq(deadlinePolicies.id, id));
  if (!existing) throw notFound({ zh: '该时限策略不存在', en: 'that deadline policy does not exist' });
  await requireCategory(ctx, input.categoryCode);
  const { version, ...fields } = input;
  const now = ctx.clock.now();
  await withWrite(ctx, () =>
    ctx.db.transaction(async (tx) => {
      const updated = await tx
        .update(deadlinePolicies)
        .set({ ...fields, updatedAt: now, updatedById: staff.id, version: sql`${deadlinePolicies.version} + 1` })
        .where(and(eq(deadlinePolicies.id, id), eq(deadlinePolicies.version, version)))
        .returning({ version: deadlinePolicies.version });
      if (updated.length === 0) throw new AppError('STALE_VERSION');
      const changes = Object.fromEntries(
        Object.entries(fields)
          .filter(([k, v]) => v !== undefined && (existing as Record<string, unknown>)[k] !== v)
          .map(([k, v]) => [k, { from: (existing as Record<string, unknown>)[k], to: v }]),
      );
      await recordAudit(tx, actor, { action: 'deadline_policy.update', entityType: 'deadline_policy', entityId: id, data: { version: updated[0]!.version, changes } }, now);
    }),
  );
  const [row] = await ctx.db.select().from(deadlinePolicies).where(eq(deadlinePolicies.id, id));
  return present(row!);
}

export async function deletePolicy(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  requirePermission(actor, 'category:edit');
  const [existing] = await ctx.db.select().from(deadlinePolicies).where(eq(deadlinePolicies.id, id));
  if (!existing) throw notFound({ zh: '该时限策略不存在', en: 'that deadline policy does not exist' });
  await withWrite(ctx, () =>
    ctx.db.transaction(async (tx) => {
      const removed = await tx
        .delete(deadlinePolicies)
        .where(and(eq(deadlinePolicies.id, id), eq(deadlinePolicies.version, version)))
        .returning();
      if (removed.length === 0) throw new AppError('STALE_VERSION');
      await recordAudit(tx, actor, { action: 'deadline_policy.delete', entityType: 'deadline_policy', entityId: id, data: { policy: present(existing) } }, ctx.clock.now());
    }),
  );
}
