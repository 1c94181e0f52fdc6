/**
 * The deadline sweep with a million open cases: the time of one sweep when 1 % of them fall due (and per
 * timer), and the time of a sweep when nothing is due — at 10,000 open cases and again at 1,000,000, which
 * must not grow. Baselines from the same database in the same run: the raw indexed probe the sweep makes,
 * and a raw UPDATE of the same due rows (one statement, and one transaction per row).
 *
 *   bash scripts/with-postgres.sh npm run -w bench sweep          # PostgreSQL (DATABASE_URL)
 *   npm run -w bench sweep -- --cases 100000 --due-percent 1       # PGlite in a temp folder, smaller
 *
 * Cases and their timers (resolve.due for every case, resolve.warn for the ones not due) are written by
 * INSERT … SELECT over generate_series, spread over every grid of the demo county, all `in_progress` and
 * assigned to their grid, so a due timer runs its real handler: ladder lookup, 督办单 with its serial,
 * notifications and audit row, in one transaction per timer. Figures, not pass/fail.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { timerHandlers } from '../server/src/app.js';
import { ManualClock } from '../server/src/platform/clock.js';
import { toNumber } from '../server/src/platform/db/database.js';
import { sweepCaseTimers } from '../server/src/modules/case-timers/case-timers.sweep.js';
import { openSeededDatabase } from './lib/seeded-database.js';
import { fmt, loadAverage, machine, median, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    small: { type: 'string', default: '10000' },
    'due-percent': { type: 'string', default: '1' },
    samples: { type: 'string', default: '200' },
  },
});

/** "Now" of the run: due timers fall in the hour before it, the others in the weeks after. */
const now = new Date('2026-12-01T10:00:00+08:00');

async function main(): Promise<void> {
  await warnIfBusy();
  const total = Number(args.cases);
  const small = Math.min(total, Number(args.small));
  const everyNth = Math.round(100 / Number(args['due-percent']));
  const samples = Number(args.samples);
  const seeded = await openSeededDatabase();
  const { ctx } = seeded.opened;
  const db = ctx.db;
  const rows = async (q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as { rows: Array<Record<string, unknown>> };
  console.log(`Deadline sweep with ${fmt(total)} open cases, ${args['due-percent']} % due — ${machine()}`);
  console.log(`database: ${seeded.where}`);
  // The demo's own timers are left out: only the generated cases count.
  await db.execute(sql`update case_timers set fired_at = due_at where fired_at is null`);

  /** Cases `from`..`to` (1-based), their due timer, and a warning for those not due. */
  async function fill(from: number, to: number): Promise<void> {
    const started = performance.now();
    await db.execute(sql`
      with grids as (
        select array_agg(id order by path) as ids, array_agg(path order by path) as paths, count(*)::int as n from territory_nodes where level = 'grid'
      ), g as (
        select i, ((i::bigint * 7919) % grids.n)::int + 1 as k, grids.ids, grids.paths,
               case when i % ${everyNth}::int = 0 then ${now}::timestamptz - (i % 3600) * interval '1 second'
                    else ${now}::timestamptz + interval '1 day' + (i % 2000000) * interval '1 second' end as due
        from generate_series(${from}::int, ${to}::int) as i, grids
      )
      insert into cases (id, number, county_code, channel, demand_type, description, status, colour, level,
                         territory_node_id, territory_path, grid_id, respond_by, resolve_by, accepted_at, created_at, updated_at,
                         assignee_kind, assignee_node_id)
      select md5('case' || i)::uuid, '320305-S' || lpad(i::text, 8, '0'), '320305', 'staff', 'help', '压测案件 ' || i, 'in_progress', 'green', 'grid',
             ids[k], paths[k], ids[k], due - interval '7 days', due, due - interval '7 days', due - interval '7 days', due - interval '7 days', 'node', ids[k]
      from g`);
    await db.execute(sql`
      insert into case_timers (id, case_id, kind, due_at, created_at)
      select md5('due' || c.i)::uuid, md5('case' || c.i)::uuid, 'resolve.due', c.resolve_by, c.created_at
      from (select i, resolve_by, created_at from generate_series(${from}::int, ${to}::int) as i join cases on cases.id = md5('case' || i)::uuid) c`);
    await db.execute(sql`
      insert into case_timers (id, case_id, kind, due_at, created_at)
      select md5('warn' || i)::uuid, md5('case' || i)::uuid, 'resolve.warn', ${now}::timestamptz + interval '20 hours' + (i % 100000) * interval '1 second', ${now}
      from generate_series(${from}::int, ${to}::int) as i where i % ${everyNth}::int <> 0`);
    await db.execute(sql.raw('analyze cases; analyze case_timers'));
    console.log(`wrote cases ${fmt(from)}–${fmt(to)} and their timers in ${fmt((performance.now() - started) / 1000)} s`);
  }

  const quiet = { ...ctx, clock: new ManualClock(new Date(now.getTime() - 2 * 3600_000)) };
  /** p50 of a sweep with nothing due, and of the bare probe it makes (the baseline). */
  async function nothingDue(): Promise<{ sweep: number; probe: number; pending: number }> {
    const sweep: number[] = [];
    const probe: number[] = [];
    for (let i = 0; i < samples + 10; i++) {
      let t0 = performance.now();
      const result = await sweepCaseTimers(quiet, timerHandlers);
      if (result.fired) throw new Error('something fired while nothing should be due');
      if (i >= 10) sweep.push(performance.now() - t0);
      t0 = performance.now();
      await db.execute(sql`select id from case_timers where fired_at is null and due_at <= ${quiet.clock.now()} order by due_at limit 200`);
      if (i >= 10) probe.push(performance.now() - t0);
    }
    const pending = toNumber((await rows(sql`select count(*) as n from case_timers where fired_at is null`)).rows[0]!['n']);
    return { sweep: median(sweep), probe: median(probe), pending };
  }

  await fill(1, small);
  const atSmall = await nothingDue();
  await fill(small + 1, total);
  const atLarge = await nothingDue();
  const plan = await rows(sql`explain select id from case_timers where fired_at is null and due_at <= ${quiet.clock.now()} order by due_at limit 200`);
  console.log(`\nprobe plan:\n${plan.rows.map((r) => `  ${String(Object.values(r)[0])}`).join('\n')}\n`);
  console.log(
    table([
      ['nothing due', 'open cases', 'pending timers', 'sweep p50 ms', 'raw probe p50 ms', 'sweep / probe'],
      ['small', fmt(small), fmt(atSmall.pending), fmt(atSmall.sweep, 2), fmt(atSmall.probe, 2), `${(atSmall.sweep / atSmall.probe).toFixed(2)}×`],
      ['large', fmt(total), fmt(atLarge.pending), fmt(atLarge.sweep, 2), fmt(atLarge.probe, 2), `${(atLarge.sweep / atLarge.probe).toFixed(2)}×`],
      ['large / small', `${(total / small).toFixed(0)}×`, '', `${(atLarge.sweep / atSmall.sweep).toFixed(2)}×`, `${(atLarge.probe / atSmall.probe).toFixed(2)}×`, ''],
    ]),
  );

  // --- 1 % due: one sweep fires them all --------------------------------------------------------------
  const due = toNumber((await rows(sql`select count(*) as n from case_timers where fired_at is null and due_at <= ${now}`)).rows[0]!['n']);
  const started = performance.now();
  const result = await sweepCaseTimers({ ...ctx, clock: new ManualClock(now) }, timerHandlers, { maxTimers: due + 1 });
  const sweepMs = performance.now() - started;
  const notices = toNumber((await rows(sql`select count(*) as n from supervision_notices`)).rows[0]!['n']);

  // Baselines on the same rows: un-fire them, then a raw UPDATE in one statement, and one transaction per row.
  const ids = (await rows(sql`select id from case_timers where kind = 'resolve.due' and fired_at = ${now}`)).rows.map((r) => String(r['id']));
  await db.execute(sql`update case_timers set fired_at = null where kind = 'resolve.due' and fired_at = ${now}`);
  let t0 = performance.now();
  await db.execute(sql`update case_timers set fired_at = ${now} where fired_at is null and due_at <= ${now}`);
  const bulkMs = performance.now() - t0;
  await db.execute(sql`update case_timers set fired_at = null where kind = 'resolve.due' and fired_at = ${now}`);
  t0 = performance.now();
  for (const id of ids) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select id from case_timers where id = ${id} and fired_at is null for update skip locked`);
      await tx.execute(sql`update case_timers set fired_at = ${now} where id = ${id}`);
    });
  }
  const perRowMs = performance.now() - t0;
  console.log(
    '\n' +
      table([
        [`${fmt(due)} due of ${fmt(total)}`, 'total s', 'per timer ms', 'timers/s', '/ sweep'],
        [`sweep (fired ${fmt(result.fired)}, failed ${result.failed}, notices ${fmt(notices)})`, fmt(sweepMs / 1000, 2), fmt(sweepMs / Math.max(1, result.fired), 2), fmt((result.fired / sweepMs) * 1000), '1.00×'],
        ['raw: one transaction per row (lock + update)', fmt(perRowMs / 1000, 2), fmt(perRowMs / ids.length, 2), fmt((ids.length / perRowMs) * 1000), `${(perRowMs / sweepMs).toFixed(2)}×`],
        ['raw: one UPDATE of all due rows', fmt(bulkMs / 1000, 2), fmt(bulkMs / ids.length, 3), fmt((ids.length / bulkMs) * 1000), `${(bulkMs / sweepMs).toFixed(3)}×`],
      ]),
  );
  console.log(`\nat the end: ${loadAverage()}`);
  await warnIfBusy();
  await seeded.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
