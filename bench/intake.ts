/**
 * Case intake over HTTP, beside a plain-INSERT baseline on the same database.
 *
 *   npm run -w bench intake                                        # PGlite in a temp folder
 *   bash scripts/with-postgres.sh npm run -w bench intake          # PostgreSQL (DATABASE_URL)
 *   npm run -w bench intake -- --seconds 5 --warmup 2 --connections 4 --pool 10   # options
 *
 * One process serves both: the real app (`buildApp` on `openContext`, demo-seeded) and a bare Fastify
 * app whose `POST /baseline` does one plain INSERT into a bench table, through the same driver and pool.
 * autocannon drives each over real HTTP from a child process, after a warm-up. Figures, not pass/fail.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app.js';
import { toNumber, type Database } from '../server/src/platform/db/database.js';
import { newId } from '../server/src/platform/ids.js';
import { caseBodies } from './lib/case-bodies.js';
import { runLoad, type LoadSummary } from './lib/load.js';
import { openSeededDatabase } from './lib/seeded-database.js';
import { fmt, loadAverage, machine, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string' },
    bodies: { type: 'string', default: '20000' },
    pool: { type: 'string' },
  },
});

async function count(db: Database, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await db.execute(query)) as unknown as { rows: Array<{ n: unknown }> };
  return toNumber(result.rows[0]!.n);
}

/** Waits until the server has answered every request it accepted (in-flight ones at the cut-off too). */
async function drained(inFlight: () => number): Promise<void> {
  const until = Date.now() + 10_000;
  while (inFlight() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

function codes(map: Record<string, number>): string {
  return (
    Object.entries(map)
      .map(([code, n]) => `${code}×${n}`)
      .join(' ') || '-'
  );
}

async function main(): Promise<void> {
  await warnIfBusy();
  const seconds = Number(args.seconds);
  const warmupSeconds = Number(args.warmup);

  const started = performance.now();
  const seeded = await openSeededDatabase({ poolSize: args.pool ? Number(args.pool) : undefined });
  const { ctx } = seeded.opened;
  const engine = seeded.engine;
  const connections = Number(args.connections ?? (engine === 'postgres' ? 8 : 4));
  console.log(`Case intake over HTTP — ${machine()}`);
  console.log(`database: ${seeded.where}${engine === 'postgres' ? `, pool of ${args.pool ?? 10} (the app's default is 10)` : ''}`);
  console.log(`seeded demo county in ${fmt(seeded.seedMs)} ms: ${ctx.grids.current.size} grids, ${seeded.seed.cases} cases`);

  // --- the real app, with counters of what it answered -------------------------------------------
  const app = await buildApp(ctx);
  let appInFlight = 0;
  const appSent: Record<string, number> = {};
  app.addHook('onRequest', async () => {
    appInFlight++;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // onSend runs for every answer, even when the client has already gone; the transaction has committed.
    appInFlight--;
    if (request.routeOptions.url === '/api/v1/cases' && request.method === 'POST') {
      appSent[reply.statusCode] = (appSent[reply.statusCode] ?? 0) + 1;
      if (reply.statusCode >= 400 && (appSent[reply.statusCode] ?? 0) <= 3) console.error(`intake answered ${reply.statusCode}: ${String(payload).slice(0, 300)}`);
    }
    return payload;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  // --- the baseline: bare Fastify, one plain INSERT through the same driver and pool ---------------
  await ctx.db.execute(
    sql.raw(`create table if not exists bench_baseline (
      id uuid primary key, description text not null, lat double precision, lng double precision,
      created_at timestamptz not null default now())`),
  );
  const baseline = Fastify({ logger: false });
  let baselineInFlight = 0;
  let baselineSent = 0;
  baseline.addHook('onRequest', async () => {
    baselineInFlight++;
  });
  baseline.addHook('onSend', async (_request, _reply, payload) => {
    baselineInFlight--;
    return payload;
  });
  baseline.post('/baseline', async (request, reply) => {
    const body = request.body as { description: string; location: { lat: number; lng: number } };
    const id = newId();
    await ctx.db.execute(sql`insert into bench_baseline (id, description, lat, lng) values (${id}, ${body.description}, ${body.location.lat}, ${body.location.lng})`);
    baselineSent++;
    return reply.code(201).send({ id });
  });
  await baseline.listen({ host: '127.0.0.1', port: 0 });
  const baselineUrl = `http://127.0.0.1:${(baseline.server.address() as AddressInfo).port}`;

  const { bodies, specialHits } = caseBodies(ctx.grids.current, Number(args.bodies));
  console.log(
    `${bodies.length} resident_app bodies at random points inside the grids (${specialHits} in special grids); ` +
      `${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s each\n`,
  );

  // --- intake ------------------------------------------------------------------------------------
  const casesBefore = await count(ctx.db, sql`select count(*)::int as n from cases`);
  const eventsBefore = await count(ctx.db, sql`select count(*)::int as n from case_events where action = 'create'`);
  const intake = await runLoad({ url: appUrl, path: '/api/v1/cases', bodies, connections, warmupSeconds, seconds });
  await drained(() => appInFlight);
  const casesAdded = (await count(ctx.db, sql`select count(*)::int as n from cases`)) - casesBefore;
  const eventsAdded = (await count(ctx.db, sql`select count(*)::int as n from case_events where action = 'create'`)) - eventsBefore;

  // --- baseline ----------------------------------------------------------------------------------
  const base = await runLoad({ url: baselineUrl, path: '/baseline', bodies, connections, warmupSeconds, seconds });
  await drained(() => baselineInFlight);
  const baselineRows = await count(ctx.db, sql`select count(*)::int as n from bench_baseline`);

  // --- report ------------------------------------------------------------------------------------
  const row = (label: string, s: LoadSummary) => [label, fmt(s.perSecond), fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.max), fmt(s.completed), String(s.non2xx + s.errors + s.timeouts)];
  console.log(
    table([
      ['', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'responses', 'non-2xx+err'],
      row('POST /api/v1/cases (intake)', intake),
      row('POST /baseline (1 INSERT)', base),
    ]),
  );
  const ratio = intake.perSecond / base.perSecond;
  console.log(`\nintake / baseline = ${ratio.toFixed(2)}${engine === 'postgres' ? `  (target on PostgreSQL: ≥ 0.50 → ${ratio >= 0.5 ? 'met' : 'NOT met'})` : ''}`);

  // --- no silent failures --------------------------------------------------------------------------
  const client201 = (intake.warmupStatusCodes['201'] ?? 0) + (intake.statusCodes['201'] ?? 0);
  const server201 = appSent['201'] ?? 0;
  const nonCreated = Object.entries(appSent).filter(([code]) => code !== '201');
  console.log('\nchecks (warm-up included):');
  console.log(`  intake statuses seen by the client: warm-up ${codes(intake.warmupStatusCodes)}; measured ${codes(intake.statusCodes)}`);
  console.log(`  intake non-2xx responses: ${intake.non2xx}, socket errors: ${intake.errors}, timeouts: ${intake.timeouts}`);
  console.log(`  server answered: ${codes(appSent)}`);
  const ok = casesAdded === server201 && eventsAdded === server201 && nonCreated.length === 0 && intake.non2xx === 0 && client201 <= server201;
  console.log(
    `  cases inserted ${casesAdded}, create events inserted ${eventsAdded}, 201s sent ${server201}, 201s received ${client201}` +
      ` (${server201 - client201} cut off in flight when the warm-up and the run ended)  → ${ok ? 'OK' : 'MISMATCH'}`,
  );
  const baselineClient = Object.values(base.warmupStatusCodes).reduce((a, b) => a + b, 0) + base.completed;
  const baselineOk = baselineRows === baselineSent && base.non2xx === 0;
  console.log(`  baseline rows inserted ${baselineRows}, 201s sent ${baselineSent}, responses received ${baselineClient}, non-2xx ${base.non2xx}  → ${baselineOk ? 'OK' : 'MISMATCH'}`);
  console.log(`\ntotal ${fmt((performance.now() - started) / 1000)} s; at the end: ${loadAverage()}`);
  await warnIfBusy();

  await app.close();
  await baseline.close();
  await seeded.dispose();
  if (!ok || !baselineOk) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
