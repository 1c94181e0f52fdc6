import { and, asc, gte, inArray, lte, or } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { bilingual, type Bilingual } from '../../platform/i18n.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { weekendCalendar } from './business-clock.js';
import { holidays, type HolidayKind } from './calendar.tables.js';
import { isRealDate } from './calendar.schema.js';
import { invalidateWorkingCalendar } from './working-calendar.js';

export interface CsvDay {
  date: string;
  kind: HolidayKind;
  nameZh: string;
  nameEn: string;
}

export interface BadLine {
  line: number;
  message: Bilingual;
}

/** Chinese calendars write 休 (day off) and 班 (working day); both spellings are accepted. */
const kindAliases: Record<string, HolidayKind> = { holiday: 'holiday', 休: 'holiday', workday: 'workday', 班: 'workday' };

/**
 * Reads `date,kind,name[,name_en]` lines (header optional, BOM tolerated) and checks every line:
 * the answer lists each bad line with its number, or the days when there is none.
 */
export function parseCalendarCsv(text: string): { days: CsvDay[]; bad: BadLine[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { days: [], bad: [{ line, message: bilingual('CSV 格式错误（引号未闭合？）', 'the CSV cannot be read here (an unclosed quote?)') }] };
  }
  const days: CsvDay[] = [];
  const bad: BadLine[] = [];
  const seen = new Map<string, number>();
  for (const [index, { record, info }] of records.entries()) {
    const line = info.lines;
    if (index === 0 && record[0]?.toLowerCase() === 'date') continue;
    const [date = '', rawKind = '', nameZh = '', nameEn = ''] = record;
    const problems: Bilingual[] = [];
    if (record.length < 3) problems.push(bilingual('需要 date,kind,name 三列', 'needs the three columns date,kind,name'));
    if (!isRealDate(date)) problems.push(bilingual(`日期「${date}」无效，应为 YYYY-MM-DD`, `"${date}" is not a date written YYYY-MM-DD`));
    const kind = kindAliases[rawKind.toLowerCase()];
    if (!kind) problems.push(bilingual(`类型「${rawKind}」无效，应为 holiday（休）或 workday（班）`, `kind "${rawKind}" must be holiday or workday`));
    if (record.length >= 3 && !nameZh) problems.push(bilingual('名称不能为空', 'the name is empty'));
    if (nameZh.length > 40 || nameEn.length > 80) problems.push(bilingual('名称过长', 'the name is too long'));
    if (kind === 'workday' && isRealDate(date) && weekendCalendar.isWorkingDay(date)) {
      problems.push(bilingual(`${date} 是工作日，调休上班日应在周六或周日`, `${date} is a weekday already; a make-up working day falls on a Saturday or Sunday`));
    }
    const earlier = seen.get(date);
    if (earlier !== undefined) problems.push(bilingual(`日期 ${date} 与第 ${earlier} 行重复`, `${date} already appears on line ${earlier}`));
    if (isRealDate(date) && earlier === undefined) seen.set(date, line);
    if (problems.length) {
      bad.push({ line, message: { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') } });
    } else {
      days.push({ date, kind: kind!, nameZh, nameEn });
    }
  }
  if (!bad.length && !days.length) bad.push({ line: 1, message: bilingual('文件中没有任何日期', 'the file holds no days') });
  return { days, bad };
}

/**
 * Imports a calendar file: every year named in the file is replaced by the file's rows for it, in
 * one transaction. Any bad line rejects the whole file (422 naming every bad line); nothing changes.
 */
export async function importCalendar(ctx: AppContext, actor: Actor, csv: string, dryRun: boolean) {
  const staff = requirePermission(actor, 'calendar:edit');
  const { days, bad } = parseCalendarCsv(csv);
  if (bad.length) {
    throw new AppError('UNPROCESSABLE', {
      detail: bilingual(`文件有 ${bad.length} 行有误，未导入任何数据`, `${bad.length} line(s) of the file are wrong; nothing was imported`),
      extra: { lines: bad },
    });
  }
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
  const inFile = new Set(days.map((d) => d.date));
  const yearFilter = (y: number) => and(gte(holidays.date, `${y}-01-01`), lte(holidays.date, `${y}-12-31`));
  const now = ctx.clock.now();
  const summary = {
    dryRun,
    years,
    holidays: days.filter((d) => d.kind === 'holiday').length,
    workdays: days.filter((d) => d.kind === 'workday').length,
    removed: 0,
  };
  try {
    await ctx.db.transaction(async (tx) => {
      const existing = await tx
        .select({ date: holidays.date })
        .from(holidays)
        .where(or(...years.map(yearFilter)));
      summary.removed = existing.filter((r) => !inFile.has(r.date)).length;
      if (dryRun) return;
      await tx.delete(holidays).where(inArray(holidays.date, existing.map((r) => r.date)));
      for (let i = 0; i < days.length; i += 500) {
        await tx.insert(holidays).values(days.slice(i, i + 500).map((d) => ({ ...d, source: 'import' as const, updatedAt: now, updatedById: staff.id })));
      }
      await recordAudit(tx, actor, { action: 'holiday.import', entityType: 'holiday', data: { ...summary } }, now);
    });
  } finally {
    invalidateWorkingCalendar(ctx.db);
  }
  return summary;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The calendar as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese); re-importable. */
export async function exportCalendar(ctx: AppContext, actor: Actor, year: number | undefined): Promise<string> {
  requirePermission(actor, 'case:read');
  const rows = await ctx.db
    .select()
    .from(holidays)
    .where(year === undefined ? undefined : and(gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`)))
    .orderBy(asc(holidays.date));
  const lines = ['date,kind,name,name_en', ...rows.map((r) => [r.date, r.kind, r.nameZh, r.nameEn].map(csvField).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
