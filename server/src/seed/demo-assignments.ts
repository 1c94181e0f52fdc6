import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { shanghaiDate } from '../platform/shanghai-time.js';
import { assignments, type AssignmentTier } from '../modules/assignments/assignments.tables.js';
import { dutyShifts } from '../modules/duty/duty.tables.js';
import { staff, staffNodes, units } from '../modules/people/people.tables.js';
import type { Role } from '../platform/roles.js';
import { profileColumns } from '../modules/people/index.js';
import { territoryNodes } from '../modules/territory/territory.tables.js';
import type { DemoDirectory } from './demo-staff.js';

/**
 * Demo 包联 (docs/assignments.md): every town gets a leader (town_leader on each of its villages),
 * every village a town-office cadre (town_cadre on the village and each of its basic grids) and its
 * community staff as village_member. Two villages of 紫庄镇 are left without a cadre and one grid
 * of 江庄镇 without a contact, so the coverage report has something to show; one ended assignment
 * shows history. Profiles (phone, title, duties) for every demo account, and a duty roster for
 * 江庄镇 around `now`. Bulk inserts only: the seed must stay fast.
 */
export const assignmentsSince = '2025-01-01';

const titles: Record<Role, { title: string; duties: string }> = {
  grid_worker: { title: '专职网格员', duties: '网格巡查走访、信息采集、矛盾纠纷排查，发现问题及时上报' },
  cadre: { title: '镇(街道)机关包村干部', duties: '包联村(社区)与网格，每日走访七户、两月一循环，协调解决群众诉求' },
  community_staff: { title: '村(社区)党组织书记', duties: '统筹本村(社区)网格治理，组织班子成员包片联户' },
  center_operator: { title: '社会治理中心值班员', duties: '受理分拨、督办考核、值班调度' },
  department_staff: { title: '部门联络员', duties: '承办本部门职能事项，按时反馈处置结果' },
  leader: { title: '镇(街道)党(工)委副书记', duties: '分管社会治理，牵头协调重大复杂问题' },
  admin: { title: '系统管理员', duties: '账号、权限与基础数据维护' },
};

const documentedPhones: Record<string, string> = {
  admin: '13951600001',
  leader: '13951600002',
  center: '13951600003',
  community: '13951600004',
  community2: '13951600005',
  'grid-worker': '13951600006',
  cadre: '13951600007',
  department: '13951600008',
  'county-center': '13951600009',
};

export async function seedDemoAssignments(ctx: AppContext, dir: DemoDirectory, now: Date): Promise<void> {
  const db = ctx.db;
  const nodes = await db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level, parentId: territoryNodes.parentId, gridKind: territoryNodes.gridKind })
    .from(territoryNodes)
    .orderBy(territoryNodes.code);
  const childrenOf = (id: string, level: string) => nodes.filter((n) => n.parentId === id && n.level === level && (level !== 'grid' || n.gridKind === 'basic'));
  const towns = nodes.filter((n) => n.level === 'town');
  const officeOf = new Map((await db.select({ id: units.id, code: units.code }).from(units)).map((u) => [u.code, u.id]));
  const [{ hash } = { hash: '' }] = await db.select({ hash: staff.passwordHash }).from(staff).where(sql`${staff.username} = 'admin'`);

  const demoTown = towns.find((t) => dir.centerOf(t.code).username === 'center')!;
  const cadre = dir.byUsername.get('cadre')!;
  const cadreVillages = new Set(cadre.nodes.map((n) => n.id));
  // Left uncovered on purpose (the report's lists): the last two villages of 紫庄镇, the last grid of 江庄镇.
  const sparseTown = towns.find((t) => t.name === '紫庄镇') ?? towns.at(-1)!;
  const uncoveredVillages = new Set(childrenOf(sparseTown.id, 'village').slice(-2).map((v) => v.id));
  const demoVillages = childrenOf(demoTown.id, 'village');
  const uncoveredGrid = childrenOf(demoVillages.at(-1)!.id, 'grid').at(-1)?.id;

  const newStaff: Array<typeof staff.$inferInsert> = [];
  const newLinks: Array<{ staffId: string; nodeId: string }> = [];
  const rows: Array<typeof assignments.$inferInsert> = [];
  const assign = (staffId: string, nodeId: string, tier: AssignmentTier, extra: Partial<typeof assignments.$inferInsert> = {}) =>
    rows.push({ id: newId(), staffId, nodeId, tier, startsOn: assignmentsSince, createdAt: now, updatedAt: now, ...extra });
  const account = (username: string, displayName: string, role: Role, unitCode: string, nodeId: string) => {
    const id = newId();
    newStaff.push({ id, username, passwordHash: hash, displayName, role, unitId: officeOf.get(unitCode) ?? null, createdAt: now, updatedAt: now });
    newLinks.push({ staffId: id, nodeId });
    return id;
  };

  let seq = 0;
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = ['建国', '秀兰', '志刚', '海英', '立新', '春华', '卫东', '红梅', '永强', '丽娟', '德明', '晓燕'];
  const name = () => surnames[seq % surnames.length]! + given[Math.floor(seq++ / surnames.length) % given.length]!;
  const leaderOf = new Map<string, string>();
  for (const town of towns) {
    const leaderId = account(`tl-${town.code}`, `${name()}(${town.name}党委副书记)`, 'leader', `OFFICE-${town.code}`, town.id);
    leaderOf.set(town.id, leaderId);
    for (const village of childrenOf(town.id, 'village')) {
      assign(leaderId, village.id, 'town_leader');
      if (uncoveredVillages.has(village.id)) continue;
      const cadreId = cadreVillages.has(village.id) ? cadre.id : account(`tc-${village.code}`, `${name()}(${town.name}包村干部)`, 'cadre', `OFFICE-${town.code}`, village.id);
      assign(cadreId, village.id, 'town_cadre');
      for (const grid of childrenOf(village.id, 'grid')) if (grid.id !== uncoveredGrid) assign(cadreId, grid.id, 'town_cadre');
      assign(dir.communityOf(village.code).id, village.id, 'village_member');
    }
  }
  // History: an earlier village member of the demo village, replaced at the last election (换届).
  const demoVillage = dir.byUsername.get('community')!.nodes[0]!;
  assign(dir.byUsername.get('grid-worker')!.id, demoVillage.id, 'village_member', {
    startsOn: '2023-01-01',
    endsOn: '2024-12-31',
    note: '换届调整',
    endedAt: new Date('2025-01-01T01:00:00Z'),
  });

  for (let i = 0; i < newStaff.length; i += 300) await db.insert(staff).values(newStaff.slice(i, i + 300));
  for (let i = 0; i < newLinks.length; i += 500) await db.insert(staffNodes).values(newLinks.slice(i, i + 500));
  for (let i = 0; i < rows.length; i += 500) await db.insert(assignments).values(rows.slice(i, i + 500));
  await seedProfiles(ctx);
  await seedDutyRoster(ctx, demoTown.id, [dir.byUsername.get('center')!.id, cadre.id, leaderOf.get(demoTown.id)!, dir.byUsername.get('community')!.id], now);
}

/** Phone, title and duties for every demo account, in a few bulk updates. */
async function seedProfiles(ctx: AppContext) {
  const everyone = await ctx.db.select({ id: staff.id, username: staff.username, role: staff.role }).from(staff).orderBy(staff.username);
  const values = everyone.map((s, i) => {
    const phone = documentedPhones[s.username] ?? `1395170${String(1000 + i).padStart(4, '0')}`;
    const p = profileColumns(ctx.secrets, {
      phone,
      email: documentedPhones[s.username] ? `${s.username}@demo.wangge.example` : null,
      title: titles[s.role].title,
      duties: titles[s.role].duties,
    });
    return sql`(${s.id}::uuid, ${p.phoneEncrypted}, ${p.phoneHash}, ${p.email}, ${p.title}, ${p.duties})`;
  });
  for (let i = 0; i < values.length; i += 400) {
    await ctx.db.execute(sql`update staff set phone_encrypted = v.pe, phone_hash = v.ph, email = v.em, title = v.ti, duties = v.du
      from (values ${sql.join(values.slice(i, i + 400), sql`, `)}) as v(id, pe, ph, em, ti, du) where staff.id = v.id`);
  }
}

/**
 * 江庄镇 duty roster from the Monday of last week for five weeks: weekday nights 17:30–08:30 and
 * weekend days 08:30–17:30 plus nights, rotating through the given people. Working hours on
 * weekdays are left to the fallback (the town's center operators).
 */
async function seedDutyRoster(ctx: AppContext, townId: string, people: string[], now: Date) {
  const today = new Date(`${shanghaiDate(now)}T00:00:00+08:00`);
  const weekday = (new Date(`${shanghaiDate(now)}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = new Date(today.getTime() - (weekday + 7) * 86_400_000);
  const at = (day: number, hhmm: string) => new Date(`${shanghaiDate(new Date(monday.getTime() + day * 86_400_000))}T${hhmm}:00+08:00`);
  const shifts: Array<typeof dutyShifts.$inferInsert> = [];
  let turn = 0;
  for (let day = 0; day < 35; day++) {
    const shanghaiDay = new Date(monday.getTime() + day * 86_400_000 + 8 * 3_600_000).getUTCDay();
    const weekend = shanghaiDay === 0 || shanghaiDay === 6;
    if (weekend) shifts.push({ id: newId(), townNodeId: townId, staffId: people[turn++ % people.length]!, startsAt: at(day, '08:30'), endsAt: at(day, '17:30'), createdAt: now });
    shifts.push({ id: newId(), townNodeId: townId, staffId: people[turn++ % people.length]!, startsAt: at(day, '17:30'), endsAt: at(day + 1, '08:30'), note: '夜班', createdAt: now });
  }
  await ctx.db.insert(dutyShifts).values(shifts);
}
