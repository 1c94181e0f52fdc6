import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId, uuidPattern } from '../../platform/ids.js';
import { staffNodes } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { householdImports, type HouseholdImportRow } from './households.tables.js';
import { checkMapping, importFields, proposeMapping, type ImportField, type ImportMapping } from './import-mapping.js';
import { detectEncoding, detectFormat, readHead, readHeadRows, readRows, type CsvEncoding } from './import-reader.js';
import { parseHouseholds, type ParsedHousehold, type RowProblem } from './import-rows.js';

export const maxImportBytes = 200 * 1024 * 1024;
/** Problems kept in the database row (the full list is in the report file, downloadable as CSV). */
export const reportProblemsKept = 1000;

const importNotFound = () => notFound({ zh: '找不到该导入记录', en: 'No such household import' });

/** Where uploads live: in the data folder, never in memory or in the database. */
export function importDir(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'imports', 'households');
}
export const uploadPath = (ctx: AppContext, id: string) => path.join(importDir(ctx), `${id}.upload`);
export const reportPath = (ctx: AppContext, id: string) => path.join(importDir(ctx), `${id}.report.ndjson`);

/**
 * An import has no territory of its own: it is seen by its importer and by importers whose nodes lie
 * on one chain with the importer's (the village's staff, their town, the county) — not by a
 * neighbouring village.
 */
export function importScope(actor: StaffActor): SQL {
  const chains = actor.nodes.map((a) => sql`(n.path like ${a.path + '%'} or ${a.path} like n.path || '%')`);
  const related = chains.length
    ? sql`exists (select 1 from ${staffNodes} sn join ${territoryNodes} n on n.id = sn.node_id where sn.staff_id = ${householdImports.createdById} and (${sql.join(chains, sql` or `)}))`
    : sql`false`;
  return sql`(${householdImports.createdById} = ${actor.id} or ${related})`;
}

export async function findImport(ctx: AppContext, actor: StaffActor, id: string, forUpdate = false): Promise<HouseholdImportRow> {
  if (!uuidPattern.test(id)) throw importNotFound();
  const query = ctx.db.select().from(householdImports).where(and(eq(householdImports.id, id), importScope(actor))).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw importNotFound();
  return row;
}

/** Cells that look like phones or ID numbers (7+ digits) are masked in the sample, and so is the name column. */
function maskSampleCell(cell: string, isName: boolean): string {
  if (isName && cell) return [...cell][0] + '*'.repeat(Math.max(1, [...cell].length - 1));
  return cell.replace(/\d{7,}[\dXx]?/g, (d) => d.slice(0, 3) + '*'.repeat(d.length - 5) + d.slice(-2));
}

/**
 * Step 1: stores the uploaded stream to the data folder, detects format and encoding, reads the
 * header and the first rows only, and proposes a column mapping.
 */
export async function uploadImport(ctx: AppContext, actorInput: Actor, upload: { fileName: string; stream: Readable & { truncated?: boolean } }) {
  const actor = requirePermission(actorInput, 'household:import');
  const id = newId();
  const file = uploadPath(ctx, id);
  await fs.promises.mkdir(importDir(ctx), { recursive: true });
  try {
    await pipeline(upload.stream, fs.createWriteStream(file, { mode: 0o600 }));
    if (upload.stream.truncated) {
      throw new AppError('PAYLOAD_TOO_LARGE', { detail: { zh: '文件不能超过 200 MB，请拆分后分批导入', en: 'A file may be at most 200 MB; split it and import the parts' } });
    }
    const head = await readHead(file);
    const format = detectFormat(head);
    const encoding: CsvEncoding | null = format === 'csv' ? detectEncoding(head) : null;
    let header: Awaited<ReturnType<typeof readHeadRows>>['header'];
    let rows: Awaited<ReturnType<typeof readHeadRows>>['rows'];
    try {
      ({ header, rows } = await readHeadRows(file, format, encoding, 5));
    } catch {
      throw unreadable(format);
    }
    if (!header) throw new AppError('UNPROCESSABLE', { detail: { zh: '文件是空的，没有表头行', en: 'The file is empty: there is no header row' } });
    const headers = header.cells;
    const proposed = proposeMapping(headers);
    const byteSize = (await fs.promises.stat(file)).size;
    const [row] = await ctx.db
      .insert(householdImports)
      .values({ id, fileName: upload.fileName.slice(0, 200), format, encoding, byteSize, status: 'uploaded', headers, mapping: proposed, createdById: actor.id, createdAt: ctx.clock.now() })
      .returning();
    const sample = rows.map((r) => headers.map((_, i) => maskSampleCell(r.cells[i] ?? '', i === proposed.name)));
    return { ...importView(row!), sample };
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    throw error;
  }
}

function unreadable(format: string) {
  return new AppError('UNPROCESSABLE', {
    detail: { zh: `无法读取文件(按 ${format.toUpperCase()} 解析失败)；请上传 CSV 或 XLSX`, en: `The file could not be read as ${format.toUpperCase()}; upload a CSV or XLSX file` },
  });
}

/**
 * Streams the whole file through the row checks with `mapping`, calling `onHousehold` for each
 * good household. Problems are written to the report file as they come (so a file of 100,000 bad
 * rows never piles up in memory) and the first ones kept for the answer.
 */
export async function streamImport(
  ctx: AppContext,
  actor: StaffActor,
  row: HouseholdImportRow,
  mapping: ImportMapping,
  onHousehold: (h: ParsedHousehold) => Promise<void>,
) {
  const reportFile = fs.createWriteStream(reportPath(ctx, row.id), { mode: 0o600 });
  const kept: RowProblem[] = [];
  let badRows = 0;
  let lastBadLine = -1;
  let totalRows = 0;
  let households = 0;
  // A row's problems are reported together, so counting line changes counts bad rows.
  const report = (p: RowProblem) => {
    if (p.line !== lastBadLine) {
      badRows++;
      lastBadLine = p.line;
    }
    if (kept.length < reportProblemsKept) kept.push(p);
    reportFile.write(JSON.stringify(p) + '\n');
  };
  async function* dataRows() {
    let first = true;
    for await (const r of readRows(uploadPath(ctx, row.id), row.format, row.encoding as CsvEncoding | null)) {
      if (first) {
        first = false;
        continue;
      }
      totalRows++;
      yield r;
    }
  }
  try {
    for await (const household of parseHouseholds(dataRows(), mapping, { actor, grids: ctx.grids.current, today: ctx.clock.now(), report })) {
      households++;
      await onHousehold(household);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(row.format);
  } finally {
    await new Promise<void>((resolve) => reportFile.end(resolve));
  }
  return { totalRows, badRows, households, problems: kept };
}

/** Step 2: checks the mapping, then every row; a file with any bad row is `invalid` and changes nothing. */
export async function validateImport(ctx: AppContext, actorInput: Actor, id: string, input: { mapping: Partial<Record<ImportField, number | null>> }) {
  const actor = requirePermission(actorInput, 'household:import');
  const row = await findImport(ctx, actor, id);
  if (row.status === 'applied') throw alreadyApplied();
  const mapping = checkMapping(input.mapping, row.headers.length);
  const result = await streamImport(ctx, actor, row, mapping, async () => {});
  const [updated] = await ctx.db
    .update(householdImports)
    .set({
      mapping,
      status: result.badRows > 0 || result.households === 0 ? 'invalid' : 'valid',
      totalRows: result.totalRows,
      badRows: result.badRows,
      report: { problems: result.problems, households: result.households, truncated: result.problems.length >= reportProblemsKept },
      validatedAt: ctx.clock.now(),
    })
    .where(eq(householdImports.id, id))
    .returning();
  return importView(updated!);
}

export function alreadyApplied() {
  return new AppError('CONFLICT', { detail: { zh: '此文件已导入，请重新上传以再次导入', en: 'This file was already imported; upload it again to re-import' } });
}

export async function getImport(ctx: AppContext, actorInput: Actor, id: string) {
  const actor = requirePermission(actorInput, 'household:import');
  return importView(await findImport(ctx, actor, id));
}

export async function listImports(ctx: AppContext, actorInput: Actor) {
  const actor = requirePermission(actorInput, 'household:import');
  const rows = await ctx.db.select().from(householdImports).where(importScope(actor)).orderBy(desc(householdImports.createdAt)).limit(50);
  return { items: rows.map(importView) };
}

/** The full report as CSV (line, column, reason), streamed from the report file. */
export async function reportCsv(ctx: AppContext, actorInput: Actor, id: string, lang: 'zh' | 'en'): Promise<AsyncGenerator<string>> {
  const actor = requirePermission(actorInput, 'household:import');
  const row = await findImport(ctx, actor, id);
  const file = reportPath(ctx, row.id);
  const exists = await fs.promises.access(file).then(() => true, () => false);
  const mapping = (row.mapping ?? {}) as ImportMapping;
  const { createInterface } = await import('node:readline');
  return (async function* () {
    yield '\uFEFF' + (lang === 'zh' ? '行号,列,问题\r\n' : 'line,column,problem\r\n');
    if (!exists) return;
    for await (const text of createInterface({ input: fs.createReadStream(file) })) {
      if (!text) continue;
      const p = JSON.parse(text) as RowProblem;
      const column = p.field && mapping[p.field] !== null && mapping[p.field] !== undefined ? (row.headers[mapping[p.field]!] ?? '') : '';
      yield [p.line, column, p.message[lang]].map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',') + '\r\n';
    }
  })();
}

export function importView(row: HouseholdImportRow) {
  const report = (row.report ?? null) as { problems: RowProblem[]; households: number; truncated: boolean } | null;
  const mapping = (row.mapping ?? null) as ImportMapping | null;
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    encoding: row.encoding,
    byteSize: row.byteSize,
    status: row.status,
    headers: row.headers,
    mapping: mapping ? (Object.fromEntries(importFields.map((f) => [f, mapping[f] ?? null])) as ImportMapping) : null,
    totalRows: row.totalRows,
    badRows: row.badRows,
    households: report?.households ?? null,
    problems: (report?.problems ?? []).map((p) => ({ ...p, column: p.field && mapping?.[p.field] != null ? (row.headers[mapping[p.field]!] ?? null) : null })),
    problemsTruncated: report?.truncated ?? false,
    result: row.appliedAt ? { householdsCreated: row.householdsCreated ?? 0, householdsUpdated: row.householdsUpdated ?? 0, membersWritten: row.membersWritten ?? 0 } : null,
    createdAt: row.createdAt.toISOString(),
    validatedAt: row.validatedAt?.toISOString() ?? null,
    appliedAt: row.appliedAt?.toISOString() ?? null,
  };
}
