import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import type { StaffActor } from '../../platform/actor.js';
import { categories, type ClockKind } from '../categories/categories.tables.js';
import { gradeSettings, ratingSettingRows } from './whistle-settings.js';
import { ratingSettings, whistleSettings, type WhistleGrade } from './whistles.tables.js';

const stale = (current: number) =>
  new AppError('STALE_VERSION', {
    detail: { zh: `设置已被修改(当前版本 ${current})，请刷新后重试`, en: `The setting is at version ${current}; reload and retry` },
    extra: { currentVersion: current },
  });

export async function whistleSettingsView(ctx: AppContext) {
  const grades = await gradeSettings(ctx.db);
  return { grades: Object.values(grades), rating: await ratingSettingRows(ctx.db) };
}

/** Saves one grade's setting (version 0 = replacing the default), audited. */
export async function updateGradeSetting(
  ctx: AppContext,
  actor: StaffActor,
  grade: WhistleGrade,
  body: { roles: string[]; windowMinutes: number; clock: ClockKind; version: number },
) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const current = (await gradeSettings(tx))[grade];
    if (current.version !== body.version) throw stale(current.version);
    const values = { roles: [...new Set(body.roles)], windowMinutes: body.windowMinutes, clock: body.clock, updatedAt: now, updatedBy: actor.id };
    if (current.version === 0) {
      const inserted = await tx.insert(whistleSettings).values({ grade, ...values }).onConflictDoNothing().returning();
      if (!inserted.length) throw stale(1);
    } else {
      const updated = await tx
        .update(whistleSettings)
        .set({ ...values, version: sql`${whistleSettings.version} + 1` })
        .where(and(eq(whistleSettings.grade, grade), eq(whistleSettings.version, body.version)))
        .returning();
      if (!updated.length) throw stale(body.version + 1);
    }
    await recordAudit(tx, actor, { action: 'whistle.settings.update', entityType: 'whistle_setting', data: { grade, roles: values.roles, windowMinutes: values.windowMinutes, clock: values.clock } }, now);
  });
  return whistleSettingsView(ctx);
}

/** Saves whether 不满意 reopens: the default (`default`) or one category's override. */
export async function updateRatingSetting(ctx: AppContext, actor: StaffActor, scopeParam: string, body: { reopenOnDissatisfied: boolean; version: number }) {
  const scope = scopeParam === 'default' ? '*' : scopeParam;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (scope !== '*') {
      const [category] = await tx.select({ code: categories.code }).from(categories).where(eq(categories.code, scope)).limit(1);
      if (!category) throw invalidField('scope', { zh: `小类 ${scope} 不存在`, en: `category ${scope} does not exist` });
    }
    const [current] = await tx.select().from(ratingSettings).where(eq(ratingSettings.scope, scope)).for('update');
    if ((current?.version ?? 0) !== body.version) throw stale(current?.version ?? 0);
    if (current) {
      await tx.update(ratingSettings).set({ reopenOnDissatisfied: body.reopenOnDissatisfied, updatedAt: now, updatedBy: actor.id, version: current.version + 1 }).where(eq(ratingSettings.scope, scope));
    } else {
      const inserted = await tx.insert(ratingSettings).values({ scope, reopenOnDissatisfied: body.reopenOnDissatisfied, updatedAt: now, updatedBy: actor.id }).onConflictDoNothing().returning();
      if (!inserted.length) throw stale(1);
    }
    await recordAudit(tx, actor, { action: 'rating.settings.update', entityType: 'rating_setting', data: { scope, reopenOnDissatisfied: body.reopenOnDissatisfied } }, now);
  });
  return whistleSettingsView(ctx);
}
