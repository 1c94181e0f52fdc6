import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/database.js';
import { newId } from '../platform/ids.js';
import type { ActorNode, StaffActor } from '../platform/actor.js';
import { staff, staffNodes, units } from '../modules/people/people.tables.js';
import type { Role } from '../platform/roles.js';
import { territoryNodes, type TerritoryNodeRow } from '../modules/territory/territory.tables.js';

/**
 * Demo staff: the eight documented logins, plus a contact for every grid, village and town
 * and one officer per department, so the demo county looks staffed ("格格有人员联系").
 * All share one password hash (hashed once; demo mode only).
 */
export interface DemoDirectory {
  byUsername: Map<string, StaffActor>;
  gridWorkerOf(gridCode: string): StaffActor;
  communityOf(villageCode: string): StaffActor;
  centerOf(townCode: string): StaffActor;
  departmentOf(unitCode: string): StaffActor;
  countyCenter: StaffActor;
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '玉兰', '志强', '海燕', '晓东', '春梅', '国庆', '亚楠', '利平', '云叶', '宏'];

function demoName(seed: number): string {
  return surnames[seed % surnames.length]! + givenNames[Math.floor(seed / surnames.length) % givenNames.length]!;
}

interface StaffSpec {
  username: string;
  displayName: string;
  role: Role;
  unitCode?: string;
  nodeCodes: string[];
}

export const documentedLogins = ['admin', 'leader', 'center', 'community', 'community2', 'grid-worker', 'cadre', 'department'] as const;

/**
 * A demo resident: server/reference/demo-cases.json has cases reported with this phone, so signing
 * in at /r/login with it (the code is printed in the server log) shows "我的诉求" with history.
 */
export const documentedResidentPhone = '13800010137';

export async function seedDemoStaff(tx: Database, countyCode: string, passwordHash: string): Promise<DemoDirectory> {
  const nodes = await tx.select().from(territoryNodes);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const children = (parent: TerritoryNodeRow | undefined, level: string) =>
    nodes.filter((n) => n.parentId === parent?.id && n.level === level).sort((a, b) => a.code.localeCompare(b.code));
  const unitRows = await tx.select().from(units);
  const unitByCode = new Map(unitRows.map((u) => [u.code, u]));

  const county = byCode.get(countyCode)!;
  const towns = children(county, 'town');
  const jiangzhuangTown = towns.find((t) => t.name === '江庄镇') ?? towns[0]!;
  const jiangzhuangVillage = children(jiangzhuangTown, 'village').find((v) => v.name === '江庄村') ?? children(jiangzhuangTown, 'village')[0]!;
  const secondVillage = children(jiangzhuangTown, 'village').find((v) => v.id !== jiangzhuangVillage.id)!;
  const otherTown = towns.find((t) => t.id !== jiangzhuangTown.id && children(t, 'village').length > 0)!;
  const otherVillage = children(otherTown, 'village')[0]!;
  const firstGrid = children(jiangzhuangVillage, 'grid').find((g) => g.gridKind === 'basic')!;

  const specs: StaffSpec[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin', nodeCodes: [county.code] },
    { username: 'leader', displayName: '张伟(区委政法委)', role: 'leader', nodeCodes: [county.code] },
    { username: 'center', displayName: `刘洋(${jiangzhuangTown.name}治理中心)`, role: 'center_operator', unitCode: `OFFICE-${jiangzhuangTown.code}`, nodeCodes: [jiangzhuangTown.code] },
    { username: 'community', displayName: `胡辉(${jiangzhuangVillage.name}党总支书记)`, role: 'community_staff', nodeCodes: [jiangzhuangVillage.code] },
    { username: 'community2', displayName: `陈静(${otherTown.name}${otherVillage.name})`, role: 'community_staff', nodeCodes: [otherVillage.code] },
    { username: 'grid-worker', displayName: `王芳(${firstGrid.name})`, role: 'grid_worker', nodeCodes: [firstGrid.code] },
    { username: 'cadre', displayName: `赵磊(${jiangzhuangTown.name}包村干部)`, role: 'cadre', unitCode: `OFFICE-${jiangzhuangTown.code}`, nodeCodes: [jiangzhuangVillage.code, secondVillage.code] },
    { username: 'department', displayName: '孙强(区城管局)', role: 'department_staff', unitCode: 'JW-CG', nodeCodes: [] },
    { username: 'county-center', displayName: '周敏(区社会治理现代化指挥中心)', role: 'center_operator', nodeCodes: [county.code] },
  ];
  let seq = 7;
  const next = () => demoName((seq = (seq * 7919 + 13) % 100_003));
  for (const town of towns) {
    specs.push({ username: `cc-${town.code}`, displayName: `${next()}(${town.name}治理中心)`, role: 'center_operator', unitCode: `OFFICE-${town.code}`, nodeCodes: [town.code] });
    for (const village of children(town, 'village')) {
      specs.push({ username: `cs-${village.code}`, displayName: `${next()}(${village.name})`, role: 'community_staff', nodeCodes: [village.code] });
      for (const grid of children(village, 'grid')) {
        specs.push({ username: `gw-${grid.code}`, displayName: `${next()}(${grid.name})`, role: 'grid_worker', nodeCodes: [grid.code] });
      }
    }
  }
  for (const unit of unitRows.filter((u) => u.kind !== 'office')) {
    specs.push({ username: `dept-${unit.code}`, displayName: `${next()}(${unit.shortName ?? unit.name})`, role: 'department_staff', unitCode: unit.code, nodeCodes: [] });
  }

  const byUsername = new Map<string, StaffActor>();
  const staffRows = specs.map((s) => ({
    id: newId(),
    username: s.username,
    passwordHash,
    displayName: s.displayName,
    role: s.role,
    unitId: s.unitCode ? (unitByCode.get(s.unitCode)?.id ?? null) : null,
  }));
  for (let i = 0; i < staffRows.length; i += 300) await tx.insert(staff).values(staffRows.slice(i, i + 300));
  const links = specs.flatMap((s, i) => s.nodeCodes.map((code) => ({ staffId: staffRows[i]!.id, nodeId: byCode.get(code)!.id })));
  for (let i = 0; i < links.length; i += 500) await tx.insert(staffNodes).values(links.slice(i, i + 500));

  specs.forEach((s, i) => {
    const row = staffRows[i]!;
    const actorNodes: ActorNode[] = s.nodeCodes.map((code) => {
      const n = byCode.get(code)!;
      return { id: n.id, code: n.code, name: n.name, level: n.level, path: n.path };
    });
    byUsername.set(s.username, { kind: 'staff', id: row.id, username: s.username, displayName: s.displayName, role: s.role, unitId: row.unitId, nodes: actorNodes });
  });
  const get = (username: string) => {
    const actor = byUsername.get(username);
    if (!actor) throw new Error(`No demo staff ${username}`);
    return actor;
  };
  return {
    byUsername,
    gridWorkerOf: (code) => (code === firstGrid.code ? get('grid-worker') : get(`gw-${code}`)),
    communityOf: (code) => (code === jiangzhuangVillage.code ? get('community') : code === otherVillage.code ? get('community2') : get(`cs-${code}`)),
    centerOf: (code) => (code === jiangzhuangTown.code ? get('center') : get(`cc-${code}`)),
    departmentOf: (code) => (code === 'JW-CG' ? get('department') : get(`dept-${code}`)),
    countyCenter: get('county-center'),
  };
}

export async function findVillageByName(tx: Database, name: string) {
  const [row] = await tx.select().from(territoryNodes).where(eq(territoryNodes.name, name)).limit(1);
  return row;
}

/**
 * The directory of an already seeded demo database (the `seed:history` command and tests): each
 * role's contact for a node or unit, read back from the staff rows; the documented logins win, as
 * in `seedDemoStaff`.
 */
export async function loadDemoDirectory(db: Database): Promise<DemoDirectory> {
  const rows = await db
    .select({ staff, node: territoryNodes })
    .from(staff)
    .leftJoin(staffNodes, eq(staffNodes.staffId, staff.id))
    .leftJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId))
    .where(eq(staff.isActive, true));
  const unitRows = await db.select().from(units);
  const unitCodeById = new Map(unitRows.map((u) => [u.id, u.code]));
  const byUsername = new Map<string, StaffActor>();
  for (const { staff: s, node } of rows) {
    const actor = byUsername.get(s.username) ?? { kind: 'staff' as const, id: s.id, username: s.username, displayName: s.displayName, role: s.role, unitId: s.unitId, nodes: [] };
    if (node) actor.nodes.push({ id: node.id, code: node.code, name: node.name, level: node.level, path: node.path });
    byUsername.set(s.username, actor);
  }
  const documented = new Set<string>(documentedLogins);
  // Documented logins first, then by username: the first actor of a role for a node or unit wins.
  const ordered = [...byUsername.values()].sort((a, b) => Number(documented.has(b.username)) - Number(documented.has(a.username)) || a.username.localeCompare(b.username));
  const byRoleAndKey = new Map<string, StaffActor>();
  for (const actor of ordered) {
    const keys = actor.nodes.map((n) => `${actor.role}:${n.code}`);
    if (actor.unitId && actor.role === 'department_staff') keys.push(`unit:${unitCodeById.get(actor.unitId)}`);
    for (const key of keys) if (!byRoleAndKey.has(key)) byRoleAndKey.set(key, actor);
  }
  const get = (key: string) => {
    const actor = byRoleAndKey.get(key);
    if (!actor) throw new Error(`No demo staff for ${key}`);
    return actor;
  };
  const countyCenter = byUsername.get('county-center');
  if (!countyCenter) throw new Error('Not a demo database: no county-center login');
  return {
    byUsername,
    gridWorkerOf: (code) => get(`grid_worker:${code}`),
    communityOf: (code) => get(`community_staff:${code}`),
    centerOf: (code) => get(`center_operator:${code}`),
    departmentOf: (code) => get(`unit:${code}`),
    countyCenter,
  };
}
