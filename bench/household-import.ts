/**
 * Household import throughput and memory: a generated 100,000-row CSV (one resident per row, ~2.5 per
 * household, over every basic grid of the demo county), written to /tmp as a stream, then imported
 * through the real service — upload (stored to the data folder), validate (every row), apply (one
 * transaction, batches of 500 households, INSERT … ON CONFLICT, members sealed) — as the county admin.
 * Beside it, in the same run and database: the baseline, a raw multi-row INSERT of the same households
 * and members (clear values, no checks, no encryption) in batches of the same size, after emptying the
 * tables. Peak memory is the RSS high-water mark sampled every 20 ms during each phase, with
 * process.memoryUsage() at the end; the file size is printed so memory can be read against it.
 *
 *   npm run -w bench household-import                                   # PGlite in a temp folder
 *   bash scripts/with-postgres.sh npm run -w bench household-import     # PostgreSQL (DATABASE_URL)
 *   npm run -w bench household-import -- --rows 100000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { eq, sql } from 'drizzle-orm';
import { applyImport } from '../server/src/modules/households/household-import-apply.js';
import { uploadImport, validateImport } from '../server/src/modules/households/household-imports.service.js';
import { householdMembers, households } from '../server/src/modules/households/households.tables.js';
import { idNumberCheckChar } from '../server/src/modules/households/id-number.js';
import { dedupeKeyOf } from '../server/src/modules/households/households.vocabulary.js';
import { newId } from '../server/src/platform/ids.js';
import { executePrepared } from '../server/src/platform/db/database.js';
import type { StaffActor } from '../server/src/platform/actor.js';
import { staff } from '../server/src/modules/people/people.tables.js';
import { openSeededDatabase } from './lib/seeded-database.js';
import { fmt, loadAverage, machine, mulberry32, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const tags = ['', '', '', '', '', '', '低保', '独居老人', '残疾', '留守儿童', '重点关注'];
const relations = ['户主', '配偶', '子女', '子女', '孙子女'];

/** Writes the CSV as a stream (never the whole text in memory); returns its size. */
async function writeCsv(file: string, rows: number, gridCodes: string[]): Promise<{ bytes: number; households: number }> {
  const random = mulberry32(6);
  const out = fs.createWriteStream(file);
  out.write('\uFEFF网格编码,地址,楼栋,单元,房号,姓名,电话,身份证号,与户主关系,标签\r\n');
  let written = 0;
  let householdsCount = 0;
  while (written < rows) {
    const grid = gridCodes[householdsCount % gridCodes.length]!;
    const size = Math.min(rows - written, 1 + Math.floor(random() * 4));
    householdsCount++;
    for (let k = 0; k < size; k++) {
      // Unique per row: the row number spread over birth year, month/day and sequence.
      const dayIndex = Math.floor(written / 80) % 336;
      const first17 = `320305${1940 + (written % 80)}${String(1 + Math.floor(dayIndex / 28)).padStart(2, '0')}${String(1 + (dayIndex % 28)).padStart(2, '0')}${String(Math.floor(written / (80 * 336))).padStart(3, '0')}`;
      const line = [grid, `压测路${householdsCount}号`, String(householdsCount % 9), '1', String(100 + (householdsCount % 7)), `测试居民${written}`, k < 2 ? `139${String(written).padStart(8, '0')}` : '', first17 + idNumberCheckChar(first17), relations[k] ?? '其他', tags[Math.floor(random() * tags.length)]!].join(',');
      if (!out.write(line + '\r\n')) await once(out, 'drain');
      written++;
    }
  }
  out.end();
  await once(out, 'finish');
  return { bytes: fs.statSync(file).size, households: householdsCount };
}

/** RSS high-water mark while `work` runs (sampled every 20 ms). */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakRss: number; heapUsed: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, peakRss: Math.max(peakRss, process.memoryUsage().rss), heapUsed: process.memoryUsage().heapUsed };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

async function main(): Promise<void> {
  await warnIfBusy();
  const rows = Number(args.rows);
  const seeded = await openSeededDatabase();
  const { ctx } = seeded.opened;
  console.log(`Household import, ${fmt(rows)} rows — ${machine()}`);
  console.log(`database: ${seeded.where}`);

  const county = [...ctx.grids.current.nodes.values()].find((n) => n.level === 'county')!;
  const [admin] = await ctx.db.select().from(staff).where(eq(staff.username, 'admin'));
  const actor: StaffActor = { kind: 'staff', id: admin!.id, username: 'admin', displayName: admin!.displayName, role: 'admin', unitId: null, nodes: [{ id: county.id, code: county.code, name: county.name, level: county.level, path: county.path }] };
  const gridCodes = ctx.grids.current.grids.filter((g) => g.gridKind === 'basic').map((g) => g.code);

  const file = path.join(os.tmpdir(), `households-bench-${process.pid}.csv`);
  const generated = await writeCsv(file, rows, gridCodes);
  console.log(`file: ${file}, ${mb(generated.bytes)}, ${fmt(generated.households)} households over ${gridCodes.length} grids`);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;

  const upload = await measured(() => uploadImport(ctx, actor, { fileName: 'bench.csv', stream: fs.createReadStream(file) }));
  const validate = await measured(() => validateImport(ctx, actor, upload.result.id, { mapping: upload.result.mapping! }));
  if (validate.result.status !== 'valid') throw new Error(`bench file invalid: ${JSON.stringify(validate.result.problems.slice(0, 3))}`);
  const apply = await measured(() => applyImport(ctx, actor, upload.result.id));
  const [{ n: storedMembers }] = (await executePrepared<{ n: number }>(ctx.db, sql`select count(*)::int as n from household_members m join households h on h.id = m.household_id where h.address like '压测路%'`)) as [{ n: number }];
  if (Number(storedMembers) !== rows || apply.result.result?.householdsCreated !== generated.households) throw new Error(`wrong counts: ${storedMembers} members, ${JSON.stringify(apply.result.result)}`);

  // Re-import of the same file: every household updated, members replaced.
  const upload2 = await uploadImport(ctx, actor, { fileName: 'bench.csv', stream: fs.createReadStream(file) });
  await validateImport(ctx, actor, upload2.id, { mapping: upload2.mapping! });
  const reapply = await measured(() => applyImport(ctx, actor, upload2.id));

  // Baseline: the same rows, raw multi-row INSERTs of clear values, same batch size, one transaction.
  // Only the bench's rows go (demo households are referenced by visit plans).
  await ctx.db.execute(sql`delete from households where address like '压测路%'`);
  const gridByCode = new Map(ctx.grids.current.grids.map((g) => [g.code, g]));
  const baseline = await measured(() =>
    ctx.db.transaction(async (tx) => {
      let batch: Array<typeof households.$inferInsert> = [];
      let members: Array<typeof householdMembers.$inferInsert> = [];
      let current = null as { key: string; id: string } | null;
      const flush = async () => {
        if (batch.length) await tx.insert(households).values(batch);
        for (let i = 0; i < members.length; i += 2000) await tx.insert(householdMembers).values(members.slice(i, i + 2000));
        batch = [];
        members = [];
      };
      let first = true;
      for await (const text of createInterface({ input: fs.createReadStream(file) })) {
        if (first) {
          first = false;
          continue;
        }
        const [gridCode, address, building, unit, room, name, phone, idNumber, , tag] = text.split(',');
        const key = `${gridCode}|${address}|${building}|${unit}|${room}`;
        if (current?.key !== key) {
          if (batch.length >= 500) await flush();
          const grid = gridByCode.get(gridCode!)!;
          current = { key, id: newId() };
          batch.push({ id: current.id, gridId: grid.id, territoryPath: grid.path, address: address!, building, unit, room, tags: tag ? [tag] : [], dedupeKey: dedupeKeyOf({ gridCode: gridCode!, address: address!, building, unit, room }), memberCount: 0 });
        }
        members.push({ id: newId(), householdId: current.id, position: 0, nameEncrypted: name, phoneEncrypted: phone || null, idNumberEncrypted: idNumber, relation: 'other', tags: [] });
      }
      await flush();
    }),
  );

  const rate = (ms: number) => `${fmt(rows / (ms / 1000))} rows/s`;
  console.log('');
  console.log(
    table([
      ['phase', 'time', 'rows/s', 'peak RSS', 'RSS growth', 'heap used at end'],
      ['upload (store + head)', `${fmt(upload.ms)} ms`, '', mb(upload.peakRss), mb(upload.peakRss - rssBefore), mb(upload.heapUsed)],
      ['validate (every row)', `${fmt(validate.ms / 1000)} s`, rate(validate.ms), mb(validate.peakRss), mb(validate.peakRss - rssBefore), mb(validate.heapUsed)],
      ['apply (checks + writes)', `${fmt(apply.ms / 1000)} s`, rate(apply.ms), mb(apply.peakRss), mb(apply.peakRss - rssBefore), mb(apply.heapUsed)],
      ['validate + apply', `${fmt((validate.ms + apply.ms) / 1000)} s`, rate(validate.ms + apply.ms), '', '', ''],
      ['re-import apply (all updates)', `${fmt(reapply.ms / 1000)} s`, rate(reapply.ms), mb(reapply.peakRss), mb(reapply.peakRss - rssBefore), mb(reapply.heapUsed)],
      ['baseline: raw multi-row INSERT', `${fmt(baseline.ms / 1000)} s`, rate(baseline.ms), mb(baseline.peakRss), mb(baseline.peakRss - rssBefore), mb(baseline.heapUsed)],
    ]),
  );
  console.log(`\nfile ${mb(generated.bytes)}; RSS before the import ${mb(rssBefore)}`);
  console.log(`import (validate + apply) ÷ baseline time: ${fmt((validate.ms + apply.ms) / baseline.ms, 2)}×; apply alone ${fmt(apply.ms / baseline.ms, 2)}×`);
  console.log(`load at end ${loadAverage()}`);
  fs.rmSync(file, { force: true });
  await seeded.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
