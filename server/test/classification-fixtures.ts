import { eq, sql } from 'drizzle-orm';
import { cases, caseEvents } from '../src/modules/cases/cases.tables.js';
import { units } from '../src/modules/people/people.tables.js';
import { newId } from '../src/platform/ids.js';
import { mulberry32 } from '../src/platform/prng.js';
import type { TestApp } from './test-app.js';

/**
 * Closed cases for training: four kinds of problem, each written many ways (place × problem × ask),
 * dispatched where such a case goes (lights and roads to the city-management bureau, rubbish and
 * neighbour disputes down to the grid). Deterministic: the same rows every run.
 */
const kinds = [
  { code: '0105', unit: 'JW-CG', problems: ['路灯不亮', '路灯坏了', '路灯一直闪', '晚上路灯全黑', '路灯杆歪了灯不亮'], asks: ['晚上走路看不见', '请尽快修一下路灯', '老人晚上出门不安全'] },
  { code: '0201', unit: null, problems: ['垃圾没人清运', '垃圾桶满了没人收', '生活垃圾堆了好几天', '垃圾站臭气熏天', '垃圾满地没人管'], asks: ['请安排环卫清理', '天热了味道很大', '苍蝇蚊子很多'] },
  { code: '0301', unit: 'JW-CG', problems: ['路面坑洼', '道路破损严重', '马路上有大坑', '水泥路面开裂塌了', '路面坑槽积水'], asks: ['电动车经过容易摔倒', '请修补路面', '下雨天没法走'] },
  { code: '1101', unit: null, problems: ['邻居吵架', '楼上邻居天天噪音扰民还吵架', '邻居占用公共过道不让', '两家因为排水沟吵起来', '邻居家漏水到我家不肯修'], asks: ['请网格员来调解', '沟通多次没有结果', '希望社区出面协调'] },
];
const places = ['村口', '五号楼前', '菜市场旁', '小学门口', '东头桥边', '卫生室后面', '二组', '文化广场'];

export async function insertClosedCases(t: TestApp, perKind = 30): Promise<number> {
  const [template] = await t.ctx.db.select().from(cases).limit(1);
  if (!template) throw new Error('the demo database has no case to copy');
  const random = mulberry32(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const unitRows = await t.ctx.db.select({ id: units.id, code: units.code }).from(units).where(eq(units.code, 'JW-CG'));
  let n = 0;
  const at = new Date('2026-06-01T02:00:00Z');
  for (const kind of kinds) {
    for (let i = 0; i < perKind; i++) {
      n++;
      const id = newId();
      const description = `${pick(places)}${pick(kind.problems)}，${pick(kind.asks)}`;
      await t.ctx.db.insert(cases).values({
        ...template,
        id,
        number: `320305-20260601-${String(9000 + n).padStart(4, '0')}`,
        description,
        categoryCode: kind.code,
        status: 'closed',
        assigneeKind: null,
        assigneeNodeId: null,
        assigneeUnitId: null,
        assigneeUserId: null,
        mergedIntoId: null,
        reporterId: null,
        isAnonymous: true,
        idempotencyScope: null,
        idempotencyKey: null,
        requestHash: null,
        closedAt: at,
        createdAt: at,
        updatedAt: at,
      });
      const target = kind.unit ? { kind: 'unit', id: unitRows[0]!.id } : { kind: 'grid', id: template.gridId ?? template.territoryNodeId };
      await t.ctx.db.insert(caseEvents).values({ id: newId(), caseId: id, action: 'dispatch', fromStatus: 'accepted', toStatus: 'dispatched', actorId: null, actorRole: 'community_staff', data: { target }, createdAt: at });
    }
  }
  await t.ctx.db.execute(sql`select 1`);
  return n;
}
