import { and, eq, gte, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { bilingual, type Bilingual } from '../../platform/i18n.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { holidays } from './calendar.tables.js';
import type { setDayBody } from './calendar.schema.js';
import { invalidateWorkingCalendar, workingCalendar } from './working-calendar.js';

/** How far ahead the calendar must have data before a warning shows. */
export const coverageHorizonDays = 60;

export interface CoverageStatus {
  coveredUntil: string | null;
  yearsWithData: number[];
  warning: Bilingual | null;
}

/** Whether the next 60 days (Shanghai) all lie in years that have calendar data. */
export function coverageStatus(years: ReadonlySet<number>, now: Date): CoverageStatus {
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  const horizonYear = Number(shanghaiDate(new Date(now.getTime() + coverageHorizonDays * 86_400_000)).slice(0, 4));
  let year = thisYear;
  while (years.has(year)) year++;
  const missing: number[] = [];
  for (let y = thisYear; y <= horizonYear; y++) if (!years.has(y)) missing.push(y);
  const warning = missing.length
    ? bilingual(
        `节假日日历缺少 ${missing.join('、')} 年的数据：未来 ${coverageHorizonDays} 天内的时限只跳过周末，不识别法定节假日和调休。请在「节假日日历」页面导入该年安排。`,
        `The holiday calendar has no data for ${missing.join(', ')}: deadlines in the next ${coverageHorizonDays} days skip weekends only, not statutory holidays or make-up working days. Import that year on the Holiday calendar page.`,
      )
    : null;
  return { coveredUntil: year > thisYear ? `${year - 1}-12-31` : null, yearsWithData: [...years].sort(), warning };
}

export async function calendarStatus(ctx: AppContext): Promise<CoverageStatus> {
  return coverageStatus((await workingCalendar(ctx.db)).years, ctx.clock.now());
}

export async function listYear(ctx: AppContext, actor: Actor, year: number) {
  requirePermission(actor, 'case:read');
  const days = await ctx.db
    .select({ date: holidays.date, kind: holidays.kind, nameZh: holidays.nameZh, nameEn: holidays.nameEn, source: holidays.source, updatedAt: holidays.updatedAt })
    .from(holidays)
    .where(and(gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`)))
    .orderBy(holidays.date);
  return { year, hasData: days.length > 0, days };
}

/** Marks one day a holiday or a make-up working day (replacing what was there). */
export async function setDay(ctx: AppContext, actor: Actor, date: string, input: z.infer<typeof setDayBody>) {
  const staff = requirePermission(actor, 'calendar:edit');
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction(async (tx) => {
      const [before] = await tx.select().from(holidays).where(eq(holidays.date, date));
      const values = { kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn, source: 'manual' as const, updatedAt: now, updatedById: staff.id };
      await tx
        .insert(holidays)
        .values({ date, ...values })
        .onConflictDoUpdate({ target: holidays.date, set: values });
      await recordAudit(
        tx,
        actor,
        { action: 'holiday.set', entityType: 'holiday', entityId: date, data: { kind: input.kind, nameZh: input.nameZh, before: before ? { kind: before.kind, nameZh: before.nameZh, source: before.source } : null } },
        now,
      );
    });
  } finally {
    invalidateWorkingCalendar(ctx.db);
  }
  const [row] = await ctx.db.select().from(holidays).where(eq(holidays.date, date));
  return row!;
}

/** Removes a day's entry: it is an ordinary weekday or weekend day again. */
export async function clearDay(ctx: AppContext, actor: Actor, date: string): Promise<void> {
  requirePermission(actor, 'calendar:edit');
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction(async (tx) => {
      const [removed] = await tx.delete(holidays).where(eq(holidays.date, date)).returning();
      if (!removed) throw notFound({ zh: `${date} 没有节假日或调休记录`, en: `${date} has no holiday or make-up day entry` });
      await recordAudit(tx, actor, { action: 'holiday.clear', entityType: 'holiday', entityId: date, data: { kind: removed.kind, nameZh: removed.nameZh, source: removed.source } }, now);
    });
  } finally {
    invalidateWorkingCalendar(ctx.db);
  }
}
