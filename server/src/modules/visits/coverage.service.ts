import { asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { actorCoversPath, requirePermission, type Actor } from '../../platform/actor.js';
import { pathCodes } from '../../platform/territory-path.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { cadenceAt, cadenceRows } from './cadence-rules.js';
import { addDays, priorityTags } from './visit-planner.js';
import { tagsView } from './visit-presenter.js';
import type { CoverageView } from './visits.schema.js';
import { rowsOf } from '../../platform/db/database.js';

type Row = Record<string, unknown>;
/** visited / total to 4 places; null when there is nothing to count (no data, never 100 %). */
const ratio = (visited: number, total: number) => (total === 0 ? null : Math.round((visited / total) * 10_000) / 10_000);
const iso = (value: unknown) => (value == null ? null : new Date(value as string).toISOString());

export interface CoverageQuery {
  node?: string | undefined;
  asOf?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * 走访覆盖率 at a node on a day (docs/visits.md "Coverage"): a household counts as visited when
 * it had a visit within the cycle ending that day (the node's cadence). Gives the node, its direct
 * children (towns → villages → grids: drill down by asking again with a child), the cadres' plan
 * against their visits, and the households not visited in time, tagged and longest-unvisited first.
 * Only nodes under the caller's own nodes exist here (404 otherwise).
 */
export async function visitCoverage(ctx: AppContext, actorInput: Actor, query: CoverageQuery, lang: Lang): Promise<CoverageView> {
  const actor = requirePermission(actorInput, 'visit:read');
  const nodeId = query.node ?? actor.nodes[0]?.id;
  const [node] = nodeId ? await ctx.db.select().from(territoryNodes).where(eq(territoryNodes.id, nodeId)) : [];
  if (!node || !actorCoversPath(actor, node.path)) throw notFound({ zh: '找不到该区划，或不在您的辖区内', en: 'No such territory node in your area' });
  const asOf = query.asOf ?? shanghaiDate(ctx.clock.now());
  const cycleDays = cadenceAt(await cadenceRows(ctx.db), node.path).cycleDays;
  const windowStart = addDays(asOf, 1 - cycleDays);
  const from = new Date(`${windowStart}T00:00:00+08:00`);
  const until = new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
  const under = `${node.path}%`;
  const childPart = pathCodes(node.path).length + 2;
  const visitedIn = sql`exists (select 1 from visits v where v.household_id = h.id and v.visited_at >= ${from} and v.visited_at < ${until})`;
  const inScope = sql`h.territory_path like ${under} and h.is_active and h.created_at < ${until}`;

  const byChild = rowsOf<Row>(
    await ctx.db.execute(sql`
      select split_part(h.territory_path, '/', ${childPart}) as code, count(*)::int as total, count(*) filter (where ${visitedIn})::int as visited
      from households h where ${inScope} group by 1`),
  );
  const children = await ctx.db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level })
    .from(territoryNodes)
    .where(eq(territoryNodes.parentId, node.id))
    .orderBy(asc(territoryNodes.code));
  const countsOf = new Map(byChild.map((r) => [String(r['code']), { total: Number(r['total']), visited: Number(r['visited']) }]));
  const total = byChild.reduce((n, r) => n + Number(r['total']), 0);
  const visited = byChild.reduce((n, r) => n + Number(r['visited']), 0);

  const cadreRows = rowsOf<Row>(
    await ctx.db.execute(sql`
      with planned as (
        select p.staff_id, count(*)::int as planned, count(*) filter (where p.status = 'visited')::int as done
        from visit_plan_items p join households h on h.id = p.household_id
        where h.territory_path like ${under} and p.plan_date between ${windowStart}::date and ${asOf}::date
        group by p.staff_id),
      done as (
        select staff_id, count(*)::int as visits from visits
        where territory_path like ${under} and visited_at >= ${from} and visited_at < ${until} group by staff_id)
      select s.id, s.display_name, coalesce(planned.planned, 0) as planned, coalesce(planned.done, 0) as done, coalesce(done.visits, 0) as visits
      from planned full join done on done.staff_id = planned.staff_id
      join staff s on s.id = coalesce(planned.staff_id, done.staff_id)`),
  );
  const cadres = cadreRows
    .map((r) => {
      const plannedToDate = Number(r['planned']);
      const visitedOfPlanned = Number(r['done']);
      return {
        staffId: String(r['id']),
        name: String(r['display_name']),
        plannedToDate,
        visitedOfPlanned,
        behind: plannedToDate - visitedOfPlanned,
        visits: Number(r['visits']),
        visited: visitedOfPlanned,
        total: plannedToDate,
        rate: ratio(visitedOfPlanned, plannedToDate),
      };
    })
    .sort((a, b) => b.behind - a.behind || a.name.localeCompare(b.name, 'zh') || a.staffId.localeCompare(b.staffId));

  const priority = sql.raw(`array[${priorityTags.map((t) => `'${t}'`).join(',')}]::text[]`);
  const missing = rowsOf<Row>(
    await ctx.db.execute(sql`
      select h.id, h.address, h.tags, g.name as grid_name,
        (select max(v.visited_at) from visits v where v.household_id = h.id and v.visited_at < ${until}) as last_visited_at
      from households h join territory_nodes g on g.id = h.grid_id
      where ${inScope} and not ${visitedIn}
      order by (h.tags && ${priority}) desc, last_visited_at asc nulls first, h.id
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`),
  );

  return {
    asOf,
    cycleDays,
    node: { id: node.id, name: node.name, level: node.level, visited, total, rate: ratio(visited, total) },
    children: children.map((c) => {
      const counts = countsOf.get(c.code) ?? { total: 0, visited: 0 };
      return { id: c.id, name: c.name, level: c.level, ...counts, rate: ratio(counts.visited, counts.total) };
    }),
    cadres,
    notVisited: {
      total: total - visited,
      page: query.page,
      pageSize: query.pageSize,
      items: missing.map((r) => ({
        householdId: String(r['id']),
        address: String(r['address']),
        gridName: String(r['grid_name']),
        tags: tagsView((r['tags'] as string[] | null) ?? [], lang),
        lastVisitedAt: iso(r['last_visited_at']),
      })),
    },
  };
}
