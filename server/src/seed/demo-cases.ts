
import type { AppContext } from '../platform/context.js';
import { ManualClock } from '../platform/clock.js';
import { publicActor, type Actor, type StaffActor } from '../platform/actor.js';
import { units } from '../modules/people/people.tables.js';
import { categories } from '../modules/categories/categories.tables.js';
import { performCaseAction, createCase, parseActionBody } from '../modules/cases/index.js';
import { rateAsReporter } from '../modules/ratings/index.js';
import type { CaseAction } from '../modules/cases/index.js';
import type { CaseRow } from '../modules/cases/cases.tables.js';
import { bboxOf, geometryContains, type IndexedGrid } from '../modules/territory/index.js';
import type { DemoDirectory } from './demo-staff.js';
import { readDemoCases, type DemoCase } from './reference-files.js';
import { mulberry32 } from '../platform/prng.js';
import { isUnder, townPathOf } from '../platform/territory-path.js';


function pointIn(grid: IndexedGrid, random: () => number): { lat: number; lng: number } {
  const b = bboxOf(grid.geometry);
  for (let i = 0; i < 200; i++) {
    const lng = b.minLng + random() * (b.maxLng - b.minLng);
    const lat = b.minLat + random() * (b.maxLat - b.minLat);
    if (geometryContains(grid.geometry, lng, lat)) return { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) };
  }
  throw new Error(`Could not place a point in ${grid.code}`);
}

const villageCodeOf = (grid: IndexedGrid) => grid.ancestors.find((a) => a.level === 'village')!.code;
const townCodeOf = (grid: IndexedGrid) => grid.ancestors.find((a) => a.level === 'town')!.code;

/**
 * Replays the demo cases of `server/reference/demo-cases.json` through the real intake and
 * lifecycle services, each step by the staff member who would take it, on a clock moved
 * back to the case's day — so timelines, deadlines and numbers are what production would write.
 */
export async function seedDemoCases(baseCtx: AppContext, staff: DemoDirectory, realNow: Date): Promise<number> {
  const random = mulberry32(20261122);
  const clock = new ManualClock(realNow);
  const ctx: AppContext = { ...baseCtx, clock };
  const grids = ctx.grids.current.grids.filter((g) => g.gridKind === 'basic');
  const jiangzhuang = grids.filter((g) => g.ancestors.some((a) => a.name === '江庄村'));
  const firstGrid = staff.byUsername.get('grid-worker')!.nodes[0]!.code;
  const categoryRows = await ctx.db.select().from(categories);
  const unitRows = await ctx.db.select().from(units);
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const created: Array<{ row: CaseRow; villageCode: string; categoryCode: string | null }> = [];
  const cases = readDemoCases().sort((a, b) => b.daysAgo - a.daysAgo);

  for (const [i, demo] of cases.entries()) {
    const pool = demo.inJiangzhuang ? jiangzhuang : grids;
    // Half of 江庄村's cases — and every one still open at grid level — fall in the grid-worker's own
    // grid, so that login has work waiting.
    const openAtGrid = demo.journey.includes('dispatch:grid') && !['close', 'escalate'].some((a) => demo.journey.includes(a));
    const inFirstGrid = demo.inJiangzhuang && (i % 2 === 0 || openAtGrid);
    const grid = inFirstGrid ? (pool.find((g) => g.code === firstGrid) ?? pool[0]!) : pool[Math.floor(random() * pool.length)]!;
    const point = pointIn(grid, random);
    const start = new Date(realNow.getTime() - demo.daysAgo * 86_400_000 - (2 + random() * 6) * 3_600_000);
    clock.set(start);
    const dispatcher = demo.inJiangzhuang ? staff.communityOf(villageCodeOf(grid)) : staff.countyCenter;
    const reporterActor: Actor = reporterFor(demo, grid, staff);
    const { row } = await createCase(ctx, reporterActor, {
      channel: demo.channel,
      description: demo.description,
      demandType: demo.demandType,
      categoryCode: demo.categoryCode ?? undefined,
      location: { ...point, crs: 'wgs84' },
      reporter: demo.isAnonymous ? undefined : { name: demo.reporterName ?? undefined, phone: demo.reporterPhone ?? undefined },
      isAnonymous: demo.isAnonymous,
    });
    let current = row;
    const category = categoryRows.find((c) => c.code === demo.categoryCode);
    for (const step of demo.journey) {
      const [action, targetKind] = step.split(':') as [CaseAction, string | undefined];
      // Inquiries close when answered (verification "none"): nothing is left to verify.
      if (current.status === 'closed' && (action === 'close' || action === 'rework')) break;
      // A case already with a department has no level above it.
      if (action === 'escalate' && current.level === 'department') continue;
      clock.advanceMinutes(action === 'accept' ? 3 + Math.floor(random() * 9) : 30 + Math.floor(random() * 600));
      // Verified by the reporter (docs/whistles.md): the reporter's 满意 on the tracking page closes it.
      if (action === 'close' && category?.verification === 'reporter' && current.reporterId) {
        current = await rateAsReporter(ctx, current.id, { rating: 'satisfied', channel: 'tracking' }, publicActor);
        continue;
      }
      const actor = actorFor(action, current, grid, dispatcher, staff, unitById);
      const body = bodyFor(action, targetKind, current, grid, category?.defaultUnitId ?? null, unitRows, created, clock.now());
      // Through the route's own schema, so defaults apply exactly as for an HTTP call.
      current = await performCaseAction(ctx, actor, current.id, action, parseActionBody(action, body));
    }
    created.push({ row: current, villageCode: villageCodeOf(grid), categoryCode: demo.categoryCode });
  }
  return created.length;
}

function reporterFor(demo: DemoCase, grid: IndexedGrid, staff: DemoDirectory): Actor {
  switch (demo.channel) {
    case 'resident_app':
      return publicActor;
    case 'visit':
    case 'patrol':
      return staff.gridWorkerOf(grid.code);
    case 'staff':
      return staff.communityOf(villageCodeOf(grid));
    default:
      return staff.countyCenter; // hotline, SMS, email and Open311 arrive at the county center
  }
}

function actorFor(
  action: CaseAction,
  row: CaseRow,
  grid: IndexedGrid,
  dispatcher: StaffActor,
  staff: DemoDirectory,
  unitById: Map<string, { code: string }>,
): StaffActor {
  switch (action) {
    case 'accept':
    case 'reject':
    case 'merge':
    case 'dispatch':
    case 'reopen':
      return dispatcher;
    case 'close':
    case 'rework':
      // The handler never verifies their own work: the village verifies, or the county center.
      return row.handlerId === staff.communityOf(villageCodeOf(grid)).id ? staff.countyCenter : staff.communityOf(villageCodeOf(grid));
    case 'approve-extension':
      return row.level === 'grid' ? staff.communityOf(villageCodeOf(grid)) : staff.centerOf(townCodeOf(grid));
    default:
      return assigneeOf(row, grid, staff, unitById, dispatcher);
  }
}

function assigneeOf(row: CaseRow, grid: IndexedGrid, staff: DemoDirectory, unitById: Map<string, { code: string }>, fallback: StaffActor): StaffActor {
  if (row.assigneeKind === 'user' && row.assigneeUserId) {
    for (const actor of staff.byUsername.values()) if (actor.id === row.assigneeUserId) return actor;
  }
  if (row.assigneeKind === 'unit' && row.assigneeUnitId) {
    const unit = unitById.get(row.assigneeUnitId)!;
    return unit.code.startsWith('OFFICE-') ? staff.centerOf(unit.code.slice('OFFICE-'.length)) : staff.departmentOf(unit.code);
  }
  if (row.assigneeKind === 'node') {
    if (row.level === 'grid') return staff.gridWorkerOf(grid.code);
    if (row.level === 'village') return staff.communityOf(villageCodeOf(grid));
    if (row.level === 'town') return staff.centerOf(townCodeOf(grid));
  }
  return fallback;
}

const notes: Record<string, string> = {
  reject: '经核实不属于本级受理范围，已告知群众向相关单位反映',
  return: '经现场查看，该事项超出网格处置能力，请重新派单',
  handle: '已到现场处置完毕，拍照留存，并向群众反馈',
  rework: '现场核查发现问题未彻底解决，请返工',
  reopen: '群众反映问题复发，重新办理',
  escalate: '网格内无法协调解决，需上级联合处置',
  'request-extension': '需协调施工队和材料，申请延期',
  'long-term': '涉及资金和规划，列入民生实事账本挂账推进',
};

function bodyFor(
  action: CaseAction,
  targetKind: string | undefined,
  row: CaseRow,
  grid: IndexedGrid,
  defaultUnitId: string | null,
  unitRows: Array<{ id: string; code: string }>,
  created: Array<{ row: CaseRow; villageCode: string; categoryCode: string | null }>,
  now: Date,
): Record<string, unknown> {
  const version = row.version;
  const fallbackUnit = unitRows.find((u) => u.code === 'JW-CG')!.id;
  switch (action) {
    case 'dispatch': {
      if (targetKind === 'unit') return { version, target: { kind: 'unit', id: defaultUnitId ?? fallbackUnit } };
      if (targetKind === 'village') return { version, target: { kind: 'village', id: grid.ancestors.find((a) => a.level === 'village')!.id } };
      return { version, target: { kind: 'grid', id: grid.id } };
    }
    case 'merge': {
      // The closest earlier case: same village and category, else same village, else same town, else any.
      const open = created.filter((c) => !['merged', 'rejected'].includes(c.row.status)).reverse();
      const townPath = townPathOf(row.territoryPath);
      const into =
        open.find((c) => c.villageCode === villageCodeOf(grid) && c.categoryCode === row.categoryCode) ??
        open.find((c) => c.villageCode === villageCodeOf(grid)) ??
        open.find((c) => isUnder(c.row.territoryPath, townPath)) ??
        open[0];
      if (!into) throw new Error(`No earlier case to merge demo case ${row.number} into`);
      return { version, intoCaseId: into.row.id, note: '与已有案件反映的是同一问题，合并办理' };
    }
    case 'handle':
      return { version, result: notes.handle };
    case 'escalate':
      return { version, reason: notes.escalate, targetUnitId: row.level === 'town' ? (defaultUnitId ?? fallbackUnit) : undefined };
    case 'request-extension':
      return { version, hours: 72, reason: notes['request-extension'] };
    case 'approve-extension':
      return { version, decision: 'approve', note: '同意延期' };
    case 'long-term': {
      const review = new Date(now.getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
      return { version, reason: notes['long-term'], reviewDate: review };
    }
    case 'reject':
    case 'return':
    case 'rework':
    case 'reopen':
      return { version, reason: notes[action] };
    default:
      return { version };
  }
}

