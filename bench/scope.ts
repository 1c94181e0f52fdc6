/**
 * The cost of scoping and encryption, with a million cases: the case list as scoped staff beside the same
 * list as the county-wide admin, and intake with an encrypted reporter as scoped staff beside the admin
 * (and beside an anonymous report, which encrypts nothing). Same database, same run.
 *
 *   npm run -w bench scope                                         # PGlite in a temp folder
 *   bash scripts/with-postgres.sh npm run -w bench scope           # PostgreSQL (DATABASE_URL)
 *   npm run -w bench scope -- --cases 1000000 --samples 300 --seconds 8
 *
 * The million cases are written by one INSERT … SELECT over generate_series, spread over every grid of the
 * demo county and over a year, in every status, so each scoped user sees their share (a village ≈ 1/133).
 * List latency is measured one request at a time over real HTTP (p50/p95 of `samples` requests, first
 * page and a filtered page); intake throughput with autocannon from a child process. Figures, not pass/fail.
 */
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app.js';
import { toNumber } from '../server/src/platform/db/database.js';
import { runLoad } from './lib/load.js';
import { openSeededDatabase } from './lib/seeded-database.js';
import { fmt, loadAverage, machine, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '4' },
  },
});

/** The demo logins measured: the unscoped admin, then staff scoped to a town, two villages, one village, one grid. */
const users = [
  { username: 'admin', scope: 'county (unscoped)' },
  { username: 'center', scope: '江庄镇 (town)' },
  { username: 'cadre', scope: 'two villages' },
  { username: 'community', scope: '江庄村 (village)' },
  { username: 'grid-worker', scope: 'one grid' },
] as const;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  await warnIfBusy();
  const total = Number(args.cases);
  const samples = Number(args.samples);
  const started = performance.now();
  const seeded = await openSeededDatabase();
  const { ctx } = seeded.opened;
  console.log(`Scoping and encryption with ${fmt(total)} cases — ${machine()}`);
  console.log(`database: ${seeded.where}`);

  // --- a million cases in one statement ------------------------------------------------------------
  const fillStarted = performance.now();
  await ctx.db.execute(sql`
    with grids as (
      select array_agg(id order by path) as ids, array_agg(path order by path) as paths, count(*)::int as n
      from territory_nodes where level = 'grid'
    ), statuses as (
      select array['reported','accepted','dispatched','in_progress','handled','closed','closed','closed','closed','rejected'] as s
    ), g as (
      select i, ((i::bigint * 7919) % grids.n)::int + 1 as k,
             timestamptz '2025-11-22 00:00:00+08' + (i * interval '31 seconds') as at, grids.ids, grids.paths, statuses.s
      from generate_series(1, ${total}) as i, grids, statuses
    )
    insert into cases (id, number, county_code, channel, demand_type, description, status, colour, level,
                       territory_node_id, territory_path, grid_id, respond_by, resolve_by, created_at, updated_at,
                       assignee_kind, assignee_node_id)
    select
      (lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0') || '7' || substr(md5(i::text), 1, 3) || '8'
        || substr(md5(i::text), 4, 15))::uuid,
      '320305-B' || lpad(i::text, 8, '0'), '320305', 'resident_app', 'help',
      '压测案件 ' || i, s[1 + i % 10], (array['green','green','yellow','red'])[1 + i % 4], 'grid',
      ids[k], paths[k], ids[k], at + interval '1 day', at + interval '7 days', at, at,
      case when s[1 + i % 10] in ('reported','accepted','rejected') then null else 'node' end,
      case when s[1 + i % 10] in ('reported','accepted','rejected') then null else ids[k] end
    from g`);
  await ctx.db.execute(sql.raw('analyze cases'));
  const count = toNumber(((await ctx.db.execute(sql`select count(*) as n from cases`)) as unknown as { rows: Array<{ n: unknown }> }).rows[0]!.n);
  console.log(`wrote ${fmt(total)} cases in ${fmt((performance.now() - fillStarted) / 1000)} s (${fmt(count)} in the table)\n`);

  const app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();
  for (const { username } of users) {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: seeded.config.demoPassword }),
    });
    if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    tokens.set(username, ((await response.json()) as { token: string }).token);
  }

  // --- case list: one request at a time ------------------------------------------------------------
  const lists = [
    { label: 'first page', path: '/api/v1/cases?limit=20' },
    { label: 'open, overdue', path: '/api/v1/cases?limit=20&status=dispatched,in_progress&overdue=true' },
    { label: 'text search', path: '/api/v1/cases?limit=20&q=%E5%8E%8B%E6%B5%8B%E6%A1%88%E4%BB%B6%2012' },
  ];
  const listRows: string[][] = [['GET /api/v1/cases', 'as', 'scope', 'items', 'p50 ms', 'p95 ms', 'p50 / admin']];
  for (const list of lists) {
    let adminP50 = 0;
    for (const user of users) {
      const token = tokens.get(user.username)!;
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < samples + 10; i++) {
        const t0 = performance.now();
        const response = await fetch(base + list.path, { headers: { authorization: `Bearer ${token}` } });
        const body = (await response.json()) as { items?: unknown[] };
        if (!response.ok) throw new Error(`${list.path} as ${user.username}: ${response.status} ${JSON.stringify(body)}`);
        if (i >= 10) times.push(performance.now() - t0); // the first ten warm caches and plans
        items = body.items?.length ?? 0;
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      if (user.username === 'admin') adminP50 = p50;
      listRows.push([list.label, user.username, user.scope, String(items), fmt(p50), fmt(percentile(times, 95)), `${(p50 / adminP50).toFixed(2)}×`]);
    }
  }
  console.log(table(listRows));

  // --- intake: encrypted reporter, scoped staff vs admin, and anonymous --------------------------------
  // Every report lands in the grid-worker's own grid, so each caller below is in scope for it.
  const me = (await (await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${tokens.get('grid-worker')!}` } })).json()) as { nodes: Array<{ code: string }> };
  const gridCode = me.nodes[0]!.code;
  const body = (n: number, anonymous: boolean) =>
    JSON.stringify({
      channel: 'staff',
      description: `来电反映路灯不亮（压测 ${n}）`,
      demandType: 'help',
      location: { gridCode },
      ...(anonymous ? { isAnonymous: true } : { reporter: { name: `王${n % 100}`, phone: `138${String(10_000_000 + n).slice(-8)}` } }),
    });
  const bodies = (anonymous: boolean) => Array.from({ length: 5000 }, (_, n) => body(n, anonymous));
  const runs = [
    { label: 'admin, named reporter', user: 'admin', anonymous: false },
    { label: 'community (village), named reporter', user: 'community', anonymous: false },
    { label: 'grid-worker (grid), named reporter', user: 'grid-worker', anonymous: false },
    { label: 'admin, anonymous (nothing encrypted)', user: 'admin', anonymous: true },
  ];
  const intakeRows: string[][] = [['POST /api/v1/cases', 'cases/s', 'p50 ms', 'p99 ms', 'non-2xx', '/ admin named']];
  let adminRate = 0;
  for (const run of runs) {
    const summary = await runLoad({
      url: base,
      path: '/api/v1/cases',
      bodies: bodies(run.anonymous),
      headers: { authorization: `Bearer ${tokens.get(run.user)!}` },
      connections: Number(args.connections),
      warmupSeconds: Number(args.warmup),
      seconds: Number(args.seconds),
    });
    if (run.label.startsWith('admin, named')) adminRate = summary.perSecond;
    intakeRows.push([run.label, fmt(summary.perSecond), fmt(summary.p50), fmt(summary.p99), String(summary.non2xx + summary.errors), `${(summary.perSecond / adminRate).toFixed(2)}×`]);
  }
  console.log('\n' + table(intakeRows));
  console.log(`\ntotal ${fmt((performance.now() - started) / 1000)} s; at the end: ${loadAverage()}`);
  await warnIfBusy();
  await app.close();
  await seeded.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
