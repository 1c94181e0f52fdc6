import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { mulberry32 } from '../platform/prng.js';
import { shanghaiDate } from '../platform/shanghai-time.js';
import { countyNode } from '../modules/territory/index.js';
import { replanTown, addDays } from '../modules/visits/index.js';
import { visitCadences, visitPlanItems, visits } from '../modules/visits/visits.tables.js';
import { rowsOf } from '../platform/db/database.js';

const notes = [
  '入户了解家庭近况，老人身体状况良好',
  '宣传防溺水、防诈骗知识，发放宣传资料',
  '了解就业需求，登记技能培训意向',
  '核实低保家庭收入情况，政策已讲解',
  '询问子女联系情况，留存紧急联系人',
  '检查燃气和用电安全，提醒及时更换老化线路',
];
const raisedTexts = ['门前路灯不亮', '希望增加助餐点', '楼道堆放杂物', '下水道堵塞', '反映小区停车难', '希望开展健康义诊'];

/**
 * Demo visits (docs/visits.md): the county default cadence (每日走七户、两月一循环), three weeks of
 * history — a plan made 21 days ago whose items were mostly visited (about one in eight missed, so
 * some cadres are behind) — and today's plan, re-made from that history. Bulk SQL, one town only
 * (the towns with demo households), so the seed stays fast.
 */
export async function seedDemoVisits(ctx: AppContext, at: Date): Promise<number> {
  const county = await countyNode(ctx.db);
  if (!county) return 0;
  await ctx.db.insert(visitCadences).values({ id: newId(), nodeId: county.id, householdsPerDay: 7, cycleDays: 60, workingDaysOnly: true, createdAt: at, updatedAt: at });
  const towns = await ctx.db.execute(sql`
    select distinct t.id from territory_nodes t join households h on split_part(h.territory_path, '/', 3) = t.code where t.level = 'town'`);
  const townIds = rowsOf<{ id: string }>(towns).map((r) => r.id);
  const random = mulberry32(20260704);
  const today = shanghaiDate(at);
  const started = addDays(today, -21);
  let recorded = 0;
  for (const townId of townIds) {
    await replanTown({ ...ctx, clock: { now: () => new Date(`${started}T07:00:00+08:00`) } }, townId);
    const past = await ctx.db
      .select()
      .from(visitPlanItems)
      .where(and(eq(visitPlanItems.townNodeId, townId), lt(visitPlanItems.planDate, today)))
      .orderBy(visitPlanItems.planDate, visitPlanItems.staffId, visitPlanItems.position);
    const rows = [];
    for (const item of past) {
      if (random() < 0.12) continue; // missed: stays planned, the cadre is behind
      const minute = 9 * 60 + item.position * 35 + Math.floor(random() * 20);
      const visitedAt = new Date(`${item.planDate}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`);
      rows.push({ item, visitedAt, id: newId(), raised: random() < 0.25 ? [raisedTexts[Math.floor(random() * raisedTexts.length)]!] : [] });
    }
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await ctx.db.insert(visits).values(
        chunk.map((r) => ({
          id: r.id,
          clientId: `demo-${r.id}`,
          requestHash: 'demo',
          householdId: r.item.householdId,
          staffId: r.item.staffId,
          gridId: sql`(select grid_id from households where id = ${r.item.householdId})`,
          territoryPath: sql`(select territory_path from households where id = ${r.item.householdId})`,
          visitedAt: r.visitedAt,
          notes: notes[Math.floor(random() * notes.length)]!,
          raised: r.raised,
          createdAt: r.visitedAt,
        })),
      );
    }
    await ctx.db.execute(sql`
      update visit_plan_items p set status = 'visited', visit_id = v.id
      from visits v where v.client_id = 'demo-' || v.id::text and v.household_id = p.household_id and v.staff_id = p.staff_id
        and (v.visited_at at time zone 'Asia/Shanghai')::date = p.plan_date and p.town_node_id = ${townId} and p.status = 'planned'`);
    await ctx.db.execute(sql`
      update households h set last_visited_at = v.last from (select household_id, max(visited_at) as last from visits group by household_id) v
      where v.household_id = h.id`);
    recorded += rows.length;
    // Today's lists start from that history (the nightly job would do the same).
    await replanTown({ ...ctx, clock: { now: () => at } }, townId);
  }
  return recorded;
}
