/**
 * Category and route suggestion at intake: what the suggester costs a report, beside the same intake with
 * suggestions switched off, in one run on the same database.
 *
 *   npm run -w bench suggest                                   # PGlite in a temp folder
 *   bash scripts/with-postgres.sh npm run -w bench suggest     # PostgreSQL (DATABASE_URL)
 *   npm run -w bench suggest -- --seconds 5 --warmup 2 --connections 4
 *
 * The database is the demo with its generated year of closed cases; the first models are trained on it at
 * seeding and switched on. Printed: time to train both models; suggestFor() calls per second and latency
 * beside tokenize() alone (the cheapest part); then POST /api/v1/cases with reports without a category —
 * suggestions off (models retired), off with the category the model would give named in the report (a
 * categorised report's own cost), then on — req/s and latency, and the ratios.
 */
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app.js';
import { classifierModels } from '../server/src/modules/classification/classification.tables.js';
import { forgetActiveModels } from '../server/src/modules/classification/model-store.js';
import { tokenize } from '../server/src/modules/classification/model/classifier.js';
import { suggestFor } from '../server/src/modules/classification/suggest.js';
import { trainModels } from '../server/src/modules/classification/training.service.js';
import { toNumber } from '../server/src/platform/db/database.js';
import { caseBodies } from './lib/case-bodies.js';
import { runLoad, type LoadSummary } from './lib/load.js';
import { openSeededDatabase } from './lib/seeded-database.js';
import { fmt, loadAverage, machine, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string' },
    calls: { type: 'string', default: '3000' },
  },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Calls `fn` on every text, timing each; returns calls/s and p50/p99 in microseconds. */
async function timeEach(texts: string[], fn: (text: string) => unknown): Promise<{ perSecond: number; p50: number; p99: number }> {
  const times: number[] = [];
  const started = performance.now();
  for (const text of texts) {
    const t0 = performance.now();
    await fn(text);
    times.push((performance.now() - t0) * 1000);
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: texts.length / total, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main(): Promise<void> {
  await warnIfBusy();
  const seconds = Number(args.seconds);
  const warmupSeconds = Number(args.warmup);
  const seeded = await openSeededDatabase({ history: true });
  const { ctx } = seeded.opened;
  const connections = Number(args.connections ?? (seeded.engine === 'postgres' ? 8 : 4));
  console.log(`Category and route suggestion at intake — ${machine()}`);
  console.log(`database: ${seeded.where}; seeded in ${fmt(seeded.seedMs / 1000)} s: ${seeded.seed.historyCases} closed cases of history, ${seeded.seed.cases} open demo cases`);
  console.log(`models switched on at seeding: ${seeded.seed.models.join(', ') || 'none'}\n`);

  // --- training ----------------------------------------------------------------------------------
  const trainStarted = performance.now();
  const outcomes = await trainModels(ctx, null);
  const trainMs = performance.now() - trainStarted;
  for (const o of outcomes) console.log(o.trained ? `trained ${o.kind} v${o.version} on ${o.examples - o.heldOut} cases (held out ${o.heldOut}): accuracy ${fmt((o.accuracy ?? 0) * 100)} %, macro-F1 ${fmt((o.macroF1 ?? 0) * 100)} %` : `${o.kind}: ${o.reason}`);
  console.log(`time to read the closed cases, train, evaluate and store both: ${fmt(trainMs / 1000)} s\n`);

  // --- the suggester alone -----------------------------------------------------------------------
  const { bodies } = caseBodies(ctx.grids.current, 20_000);
  const texts = bodies.slice(0, Number(args.calls)).map((b, i) => `${(JSON.parse(b) as { description: string }).description}${i}`);
  const path = '/320305/320305107/320305107205/';
  await suggestFor(ctx, { description: texts[0]!, territoryPath: path }); // load the models
  const tokens = await timeEach(texts, (text) => tokenize(text));
  const suggest = await timeEach(texts, (text) => suggestFor(ctx, { description: text, territoryPath: path }));
  console.log(
    table([
      ['', 'calls/s', 'p50 µs', 'p99 µs'],
      ['tokenize() alone (baseline)', fmt(tokens.perSecond), fmt(tokens.p50), fmt(tokens.p99)],
      ['suggestFor(): category + route', fmt(suggest.perSecond), fmt(suggest.p50), fmt(suggest.p99)],
    ]),
  );

  // --- intake, suggestions off then on -----------------------------------------------------------
  const app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const active = await ctx.db.select({ id: classifierModels.id }).from(classifierModels).where(eq(classifierModels.status, 'active'));
  const setActive = async (on: boolean) => {
    for (const m of active) await ctx.db.update(classifierModels).set({ status: on ? 'active' : 'retired' }).where(eq(classifierModels.id, m.id));
    forgetActiveModels(ctx.db);
  };
  const load = () => runLoad({ url, path: '/api/v1/cases', bodies, connections, warmupSeconds, seconds });
  // The same reports with the category the model gives them, named by the reporter: what a categorised
  // report costs without the suggester (a category brings its own deadline policy, level and notices).
  const named = await Promise.all(
    bodies.map(async (b) => {
      const body = JSON.parse(b) as { description: string; categoryCode?: string };
      const suggestion = await suggestFor(ctx, { description: body.description, territoryPath: path });
      return JSON.stringify(suggestion?.apply ? { ...body, categoryCode: suggestion.apply } : body);
    }),
  );
  await setActive(false);
  const off = await load();
  const offNamed = await runLoad({ url, path: '/api/v1/cases', bodies: named, connections, warmupSeconds, seconds });
  await setActive(true);
  const appliedBefore = toNumber(((await ctx.db.execute(sql`select count(*)::int as n from case_suggestions where applied_category_code is not null`)) as unknown as { rows: Array<{ n: unknown }> }).rows[0]!.n);
  const on = await load();
  const applied = toNumber(((await ctx.db.execute(sql`select count(*)::int as n from case_suggestions where applied_category_code is not null`)) as unknown as { rows: Array<{ n: unknown }> }).rows[0]!.n) - appliedBefore;
  const row = (label: string, s: LoadSummary) => [label, fmt(s.perSecond), fmt(s.p50), fmt(s.p99), String(s.non2xx + s.errors + s.timeouts)];
  console.log(`\nPOST /api/v1/cases, reports without a category, ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s each`);
  console.log(
    table([
      ['', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx+err'],
      row('off, no category (baseline)', off),
      row('off, the category named', offNamed),
      row('on, no category', on),
    ]),
  );
  console.log(`\nintake with suggestions ÷ without = ${(on.perSecond / off.perSecond).toFixed(2)}; p99 added ${fmt(on.p99 - off.p99)} ms; categories applied while on: ${applied}`);
  console.log(`the suggester's own cost: on ÷ (off, the same category named) = ${(on.perSecond / offNamed.perSecond).toFixed(2)}`);
  console.log(`at the end: ${loadAverage()}`);
  await warnIfBusy();
  await app.close();
  await seeded.dispose();
  if (off.non2xx + offNamed.non2xx + on.non2xx > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
