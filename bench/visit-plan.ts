/**
 * Visit plan generation for a town of 30,000 households and 300 cadres ("每日走七户、两月一循环"):
 * the pure planner beside a plain sort of the same households (the least any planner must do), then
 * the whole `visits.replan` job on a database (read inputs, plan, replace the stored items in one
 * transaction) beside one raw INSERT … SELECT of the same number of plan items. Same run, same machine.
 *
 *   npm run -w bench visit-plan                                    # PGlite in a temp folder
 *   bash scripts/with-postgres.sh npm run -w bench visit-plan      # PostgreSQL (DATABASE_URL)
 *   npm run -w bench visit-plan -- --households 30000 --cadres 300 --runs 3
 *
 * The synthetic town: 30 villages × 10 grids, households spread evenly over the grids (about one in ten
 * tagged, a third visited in the last 90 days); each cadre is assigned to one grid, and every third
 * cadre also to the next grid, so shared grids exercise the balancing. Figures, not pass/fail.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { replanTown } from '../server/src/modules/visits/replan.service.js';
import { addDays, compareHouseholds, planVisits, type PlannerCadre, type PlannerHousehold } from '../server/src/modules/visits/visit-planner.js';
import { newId } from '../server/src/platform/ids.js';
import { openSeededDatabase } from './lib/seeded-database.js';
import { fmt, machine, median, mulberry32, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: { households: { type: 'string', default: '30000' }, cadres: { type: 'string', default: '300' }, runs: { type: 'string', default: '3' } },
});
const householdCount = Number(args.households);
const cadreCount = Number(args.cadres);
const runs = Number(args.runs);
const gridCount = 300;
const start = '2026-03-02';
const tags = ['elderly_alone', 'dibao', 'disabled', 'left_behind_child', 'key_attention'];

function syntheticTown() {
  const random = mulberry32(20260302);
  const gridIds = Array.from({ length: gridCount }, (_, g) => `g-${String(g).padStart(4, '0')}`);
  const households: PlannerHousehold[] = Array.from({ length: householdCount }, (_, i) => ({
    id: `h-${String(i).padStart(6, '0')}`,
    gridId: gridIds[i % gridCount]!,
    tags: random() < 0.1 ? [tags[Math.floor(random() * tags.length)]!] : [],
    lastVisitedOn: random() < 0.33 ? addDays(start, -1 - Math.floor(random() * 90)) : null,
  }));
  const cadres: PlannerCadre[] = Array.from({ length: cadreCount }, (_, c) => ({
    staffId: `s-${String(c).padStart(4, '0')}`,
    gridIds: c % 3 === 0 ? [gridIds[c % gridCount]!, gridIds[(c + 1) % gridCount]!] : [gridIds[c % gridCount]!],
  }));
  const planDays = Array.from({ length: 60 }, (_, i) => addDays(start, i)).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  return { households, cadres, planDays };
}

function timed<T>(fn: () => T): { ms: number; result: T } {
  const began = performance.now();
  const result = fn();
  return { ms: performance.now() - began, result };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const began = performance.now();
  const result = await fn();
  return { ms: performance.now() - began, result };
}

/** The synthetic town in the database: nodes, cadres with assignments, households (set-based SQL). */
async function fillTown(db: Awaited<ReturnType<typeof openSeededDatabase>>['opened']['ctx']['db']): Promise<string> {
  const [county] = (await db.execute(sql`select id, path from territory_nodes where level = 'county' limit 1`) as unknown as { rows: Array<{ id: string; path: string }> }).rows;
  const townId = newId();
  const townPath = `${county!.path}999000/`;
  await db.execute(sql`insert into territory_nodes (id, code, name, level, parent_id, path) values (${townId}, '999000', '基准测试镇', 'town', ${county!.id}, ${townPath})`);
  await db.execute(sql`
    insert into territory_nodes (id, code, name, level, parent_id, path)
    select gen_random_uuid(), '999000' || lpad(v::text, 3, '0'), '基准村' || v, 'village', ${townId}, ${townPath} || '999000' || lpad(v::text, 3, '0') || '/'
    from generate_series(0, 29) v`);
  await db.execute(sql`
    insert into territory_nodes (id, code, name, level, parent_id, path, grid_kind)
    select gen_random_uuid(), v.code || lpad(g::text, 2, '0'), v.name || '第' || g || '网格', 'grid', v.id, v.path || v.code || lpad(g::text, 2, '0') || '/', 'basic'
    from territory_nodes v, generate_series(0, 9) g where v.parent_id = ${townId}`);
  await db.execute(sql`
    insert into staff (id, username, password_hash, display_name, role)
    select gen_random_uuid(), 'bench-cadre-' || c, 'x', '基准干部' || c, 'cadre' from generate_series(0, ${cadreCount - 1}) c`);
  await db.execute(sql`
    with grids as (select id, row_number() over (order by code) - 1 as n from territory_nodes where level = 'grid' and path like ${townPath + '%'}),
      cadres as (select id, substring(username from 13)::int as c from staff where username like 'bench-cadre-%')
    insert into assignments (id, staff_id, node_id, tier, starts_on)
    select gen_random_uuid(), cadres.id, grids.id, 'town_cadre', '2025-01-01'
    from cadres join grids on grids.n = cadres.c % ${gridCount} or (cadres.c % 3 = 0 and grids.n = (cadres.c + 1) % ${gridCount})`);
  await db.execute(sql`
    with grids as (select id, path, row_number() over (order by code) - 1 as n from territory_nodes where level = 'grid' and path like ${townPath + '%'})
    insert into households (id, grid_id, territory_path, address, tags, dedupe_key, last_visited_at)
    select gen_random_uuid(), grids.id, grids.path, '基准路' || h || '号',
      case when h % 10 = 0 then array['dibao'] else '{}'::text[] end, 'bench-' || h,
      case when h % 3 = 0 then now() - make_interval(days => 1 + h % 90) end
    from generate_series(0, ${householdCount - 1}) h join grids on grids.n = h % ${gridCount}`);
  return townId;
}

async function main(): Promise<void> {
  await warnIfBusy();
  console.log(`Visit plan generation: ${fmt(householdCount)} households, ${fmt(cadreCount)} cadres, 60-day cycle, 7 a day — ${machine()}`);

  // --- the pure planner beside a sort of the same households ----------------------------------------
  const town = syntheticTown();
  const plans: number[] = [];
  const sorts: number[] = [];
  let items = 0;
  for (let i = 0; i < runs; i++) {
    sorts.push(timed(() => [...town.households].sort(compareHouseholds)).ms);
    const run = timed(() => planVisits({ ...town, cadence: { householdsPerDay: 7, cycleDays: 60 }, startDate: start, horizonDays: 60 }));
    plans.push(run.ms);
    items = run.result.items.length;
  }
  const planMs = median(plans);
  const sortMs = median(sorts);

  // --- the whole job on a database beside a raw INSERT of as many items ------------------------------
  const seeded = await openSeededDatabase();
  const { ctx } = seeded.opened;
  console.log(`database: ${seeded.where}`);
  const townId = await fillTown(ctx.db);
  const jobs: number[] = [];
  const inserts: number[] = [];
  let stored = 0;
  for (let i = 0; i < runs; i++) {
    const job = await timedAsync(() => replanTown(ctx, townId));
    jobs.push(job.ms);
    stored = job.result?.items ?? 0;
    // Baseline: the same number of rows into the same table, one set-based statement, then removed.
    const insert = await timedAsync(() =>
      ctx.db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into visit_plan_items (id, plan_date, staff_id, household_id, town_node_id, position)
          select gen_random_uuid(), current_date + (n % 60), p.staff_id, p.household_id, p.town_node_id, 1000 + n
          from generate_series(0, ${stored - 1}) n, lateral (select staff_id, household_id, town_node_id from visit_plan_items where town_node_id = ${townId} limit 1) p`);
      }),
    );
    inserts.push(insert.ms);
    await ctx.db.execute(sql`delete from visit_plan_items where town_node_id = ${townId} and position >= 1000`);
  }
  const jobMs = median(jobs);
  const insertMs = median(inserts);

  console.log();
  console.log(
    table([
      ['what', 'seconds (median of ' + runs + ')', 'baseline', 'baseline seconds', 'ratio'],
      [`planVisits (pure), ${fmt(items)} items`, fmt(planMs / 1000, 3), `sort of ${fmt(householdCount)} households`, fmt(sortMs / 1000, 3), `${fmt(planMs / sortMs)}×`],
      [`visits.replan job (${seeded.engine}), ${fmt(stored)} items`, fmt(jobMs / 1000, 2), `raw INSERT … SELECT of ${fmt(stored)} items`, fmt(insertMs / 1000, 2), `${fmt(jobMs / insertMs)}×`],
    ]),
  );
  await seeded.dispose();
}

await main();
