import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../platform/context.js';
import type { StaffActor } from '../platform/actor.js';
import { recordAudit, systemActor } from '../platform/audit/audit.record.js';
import { mulberry32 } from '../platform/prng.js';
import { shanghaiCompactDate } from '../platform/shanghai-time.js';
import { units } from '../modules/people/people.tables.js';
import { categories, type CaseLevel } from '../modules/categories/categories.tables.js';
import { caseEvents, cases, reporters, type Channel } from '../modules/cases/cases.tables.js';
import { caseRatings } from '../modules/whistles/whistles.tables.js';
import { newTrackingCode, nextLevel } from '../modules/cases/index.js';
import { clockedLimits, resolveByFrom, respondByFrom } from '../modules/deadlines/index.js';
import { bboxOf, geometryContains, type IndexedGrid } from '../modules/territory/index.js';
import type { DemoDirectory } from './demo-staff.js';
import { readDemoHistoryBank, type DemoHistoryBank } from './reference-files.js';

/**
 * A year of closed cases for the demo county (`server/reference/demo-history.json`): what the
 * category/route model trains on and what the measures look back over. Generated, not replayed:
 * every row a closed case has (reporter, case, events, ratings) is computed here the way the lifecycle
 * writes it (docs/demo.md "History") and inserted in bulk, so a first demo start stays fast.
 * Deterministic for a seed and a "now": the same texts, places, numbers and timelines every time.
 */
export interface DemoHistoryOptions {
  /** How many cases (default 3,000). */
  count?: number;
  /** The PRNG seed (default fixed). */
  seed?: number;
  /** The span, in days before now, of the report dates (default 365). */
  days?: number;
}

export interface DemoHistoryReport {
  cases: number;
  events: number;
  ratings: number;
  from: Date | null;
  to: Date | null;
}

type Rng = () => number;
type ClockedLimits = Awaited<ReturnType<typeof clockedLimits>>;
type CaseInsert = typeof cases.$inferInsert;
type EventInsert = typeof caseEvents.$inferInsert;
type RatingInsert = typeof caseRatings.$inferInsert;
type ReporterInsert = typeof reporters.$inferInsert;

interface Category {
  code: string;
  colour: 'red' | 'yellow' | 'green';
  level: CaseLevel;
  verification: 'on_site' | 'reporter' | 'none';
  defaultUnitId: string | null;
  weight: number;
  texts: string[];
}
interface Unit {
  id: string;
  code: string;
  kind: 'department' | 'office' | 'community' | 'partner';
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** History ends this long before now: the demo's own cases (the last 60 days) own today and yesterday. */
const QUIET_MS = 2 * 24 * HOUR;

const levelOfUnit: Record<Unit['kind'], CaseLevel> = { department: 'department', office: 'town', community: 'village', partner: 'village' };

const channelWeights: Array<[Channel, number]> = [
  ['resident_app', 38],
  ['hotline', 27],
  ['visit', 10],
  ['patrol', 10],
  ['staff', 8],
  ['sms', 4],
  ['open311', 2],
  ['email', 1],
];

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔';
const givenNames = ['秀兰', '建国', '桂芝', '志刚', '丽娟', '海涛', '玉梅', '红霞', '德明', '春华', '国强', '淑珍', '凤英', '永生', '小燕', '长青', '金凤', '家乐', '思雨', '浩然'];

const rejectReasons = [
  '经核实不属于本级受理范围，已告知群众向相关单位反映',
  '反映内容属于民事纠纷，已引导群众通过诉讼途径解决',
  '经核实该问题已处理完毕，群众重复反映，已电话说明',
  '诉求内容不明确，多次联系反映人未果',
];
const reworkReasons = ['现场核查发现问题未彻底解决，请返工', '复查时群众反映问题仍然存在，请重新处置', '处置照片与现场不符，请重新处理'];
const returnReasons = ['经现场查看，该事项不在本网格范围内，请重新派单', '该事项需专业部门处置，超出处置能力，请重新派单'];
const escalateReasons = ['网格内无法协调解决，需上级联合处置', '涉及多个部门职责，请求上级协调', '当事人情绪激动，需上级介入调处'];
const extensionReasons = ['需协调施工队和材料，申请延期', '涉及多方协调，需要更多时间', '等待检测结果，申请延期'];
const reopenReasons = ['群众反映问题复发，重新办理'];
const ratingComments = ['处理很及时，谢谢', '师傅态度很好', '问题解决了，满意', '速度再快点就更好了', '基本解决了，希望以后多关注', '还有点小问题，但总体可以'];

function pick<T>(random: Rng, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T>(random: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/**
 * A UUIDv7 for the instant, with PRNG bits: ids sort by time like real rows and repeat for a seed.
 * `order` leads the sequence bits, so two events of one instant (handle and auto-close) keep their order.
 */
function idAt(random: Rng, at: number, order = 0): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
  return uuidv7({ msecs: at, random: bytes, seq: ((order & 0x3ff) << 20) | Math.floor(random() * 0x100000) });
}

function pointIn(grid: IndexedGrid, random: Rng): { lat: number; lng: number } {
  const b = bboxOf(grid.geometry);
  for (let i = 0; i < 200; i++) {
    const lng = b.minLng + random() * (b.maxLng - b.minLng);
    const lat = b.minLat + random() * (b.maxLat - b.minLat);
    if (geometryContains(grid.geometry, lng, lat)) return { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) };
  }
  throw new Error(`Could not place a point in ${grid.code}`);
}

/** Shanghai hour of an instant (UTC+8, no DST). */
const shanghaiHour = (at: number) => new Date(at + 8 * HOUR).getUTCHours();

/** Staff act in the daytime: an instant at night moves to the next morning (08:00–09:00 Shanghai). */
function inDaytime(at: number, random: Rng): number {
  const hour = shanghaiHour(at);
  if (hour >= 8 && hour < 21) return at;
  const shanghai = new Date(at + 8 * HOUR);
  const morning = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate(), 8) - 8 * HOUR;
  return (hour >= 21 ? morning + 24 * HOUR : morning) + Math.floor(random() * 60) * MINUTE;
}

function describe(random: Rng, bank: DemoHistoryBank, category: Category, grid: IndexedGrid): string {
  const village = grid.ancestors.find((a) => a.level === 'village');
  const urban = village?.name.endsWith('社区') ?? false;
  let place = pick(random, urban ? bank.placesUrban : bank.placesRural);
  if (village && random() < 0.35) place = `${village.name}${place}`;
  const text = pick(random, category.texts)
    .replace('{place}', place)
    .replace('{since}', pick(random, bank.since));
  const opening = pick(random, bank.openings);
  const closing = pick(random, bank.closings);
  return `${opening}${text}${closing ? `，${closing}` : '。'}`.replace('。，', '，').replace('，，', '，');
}

function fakeReporter(random: Rng, channel: Channel): { name: string | null; phone: string | null } | null {
  const surname = surnames[Math.floor(random() * surnames.length)]!;
  const name = random() < 0.5 ? `${surname}${pick(random, givenNames)}` : `${surname}${random() < 0.5 ? '先生' : '女士'}`;
  // Fake numbers in ranges the demo never hands out (the documented resident is 138…).
  const phone = `${random() < 0.5 ? '1370000' : '1590000'}${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
  const r = random();
  switch (channel) {
    case 'resident_app':
      return r < 0.45 ? null : { name: r < 0.8 ? name : null, phone };
    case 'hotline':
      return r < 0.12 ? null : { name: r < 0.7 ? name : null, phone };
    case 'sms':
      return { name: null, phone };
    case 'email':
      return { name, phone: null };
    case 'visit':
      return r < 0.4 ? null : { name, phone: r < 0.8 ? phone : null };
    case 'open311':
      return r < 0.6 ? null : { name: null, phone };
    default:
      return null; // found by staff on patrol or at work: no reporter
  }
}

interface Built {
  reporter: ReporterInsert | null;
  row: CaseInsert;
  events: EventInsert[];
  ratings: RatingInsert[];
}

/** The rows of the year of history, numbered, ready to insert (deterministic for a seed and a now). */
export interface PreparedHistory {
  reporters: ReporterInsert[];
  cases: CaseInsert[];
  events: EventInsert[];
  ratings: RatingInsert[];
  /** The last serial used per Shanghai day (`YYYYMMDD`). */
  lastSerialByDay: Map<string, number>;
}

/**
 * Builds the history's rows without writing anything. Each day's numbers continue after the cases
 * already numbered that day (none on a first start, where the history comes before the demo's cases).
 */
export async function prepareDemoHistory(ctx: AppContext, staff: DemoDirectory, realNow: Date, options: DemoHistoryOptions = {}): Promise<PreparedHistory> {
  const count = options.count ?? 3000;
  const days = options.days ?? 365;
  const random = mulberry32(options.seed ?? 20261208);
  const bank = readDemoHistoryBank();
  const unitRows = (await ctx.db.select({ id: units.id, code: units.code, kind: units.kind }).from(units)) as Unit[];
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const fallbackUnit = unitRows.find((u) => u.code === 'JW-CG')!;
  const categoryList: Category[] = (await ctx.db.select().from(categories))
    .filter((c) => c.isActive && bank.categories[c.code])
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((c) => ({
      code: c.code,
      colour: c.colour,
      level: c.level,
      verification: c.verification,
      defaultUnitId: c.defaultUnitId,
      weight: bank.categories[c.code]!.weight,
      texts: bank.categories[c.code]!.texts,
    }));
  const categoryWeights = categoryList.map((c) => [c, c.weight] as const);
  const grids = ctx.grids.current.grids.filter((g) => g.gridKind === 'basic').sort((a, b) => a.code.localeCompare(b.code));
  const empty: PreparedHistory = { reporters: [], cases: [], events: [], ratings: [], lastSerialByDay: new Map() };
  if (!grids.length || !categoryList.length || count <= 0) return empty;

  // Every limit a case may meet, loaded before the (synchronous) simulation.
  const limitsCache = new Map<string, ClockedLimits>();
  for (const c of categoryList) {
    for (const level of ['grid', 'village', 'town', 'department'] as const) {
      limitsCache.set(`${c.code}:${level}`, await clockedLimits(ctx.db, { categoryCode: c.code, colour: c.colour, level }));
    }
  }
  const limits = (category: Category, level: CaseLevel) => limitsCache.get(`${category.code}:${level}`)!;

  const end = realNow.getTime() - QUIET_MS;
  const start = realNow.getTime() - days * 24 * HOUR;
  const built: Built[] = [];
  for (let i = 0; i < count; i++) {
    const category = weighted(random, categoryWeights);
    const grid = pick(random, grids);
    const channel = weighted(random, channelWeights);
    // A case whose story would run past the quiet margin is told again, starting earlier.
    for (let attempt = 0; ; attempt++) {
      const span = Math.max(end - start - attempt * 20 * 24 * HOUR, 24 * HOUR);
      const day = start + Math.floor(random() * span);
      const result = simulate({ random, bank, category, grid, channel, createdAt: day, staff, unitById, fallbackUnit, limits, ctx });
      const last = result.events[result.events.length - 1]!.createdAt as Date;
      if (last.getTime() <= end || attempt >= 30) {
        built.push(result);
        break;
      }
    }
  }

  // Numbers: each day's serials in report order, after the cases already numbered that day.
  const county = ctx.config.countyCode;
  if (!/^\d{6}$/.test(county)) throw new Error(`Bad county code ${county}`);
  const existing = (await ctx.db.execute(sql`
    select substring(number from 8 for 8) as day, max(substring(number from 17)::int) as serial
    from ${cases} where number like ${`${county}-%`} group by 1`)) as unknown as { rows: Array<{ day: string; serial: number }> };
  const lastSerialByDay = new Map(existing.rows.map((r) => [r.day, Number(r.serial)]));
  built.sort((a, b) => (a.row.createdAt as Date).getTime() - (b.row.createdAt as Date).getTime());
  for (const b of built) {
    const day = shanghaiCompactDate(b.row.createdAt as Date);
    const serial = (lastSerialByDay.get(day) ?? 0) + 1;
    lastSerialByDay.set(day, serial);
    b.row.number = `${county}-${day}-${String(serial).padStart(4, '0')}`;
  }
  return {
    reporters: built.flatMap((b) => (b.reporter ? [b.reporter] : [])),
    cases: built.map((b) => b.row),
    events: built.flatMap((b) => b.events),
    ratings: built.flatMap((b) => b.ratings),
    lastSerialByDay,
  };
}

/**
 * Seeds the year of history in the caller's transaction: bulk inserts, the day sequences
 * (`case_serial_<county>_<day>`, case-insert.ts) set past the serials used so intake continues
 * after them, and one audit row for the whole step.
 */
export async function seedDemoHistory(ctx: AppContext, staff: DemoDirectory, realNow: Date, options: DemoHistoryOptions = {}): Promise<DemoHistoryReport> {
  const prepared = await prepareDemoHistory(ctx, staff, realNow, options);
  await insertChunked(ctx, reporters, prepared.reporters);
  await insertChunked(ctx, cases, prepared.cases);
  await insertChunked(ctx, caseEvents, prepared.events);
  await insertChunked(ctx, caseRatings, prepared.ratings);

  const county = ctx.config.countyCode;
  const days = new Set(prepared.cases.map((c) => (c.number as string).slice(7, 15)));
  const statements = [...days].map((day) => {
    const name = `case_serial_${county}_${day}`;
    if (!/^case_serial_\d{6}_\d{8}$/.test(name)) throw new Error(`Bad sequence name ${name}`);
    const n = prepared.lastSerialByDay.get(day)!;
    return `create sequence if not exists ${name}; perform setval('${name}', greatest(${n}, (select last_value from ${name})));`;
  });
  // One statement for the year's sequences.
  if (statements.length) await ctx.db.execute(sql.raw(`do $$ begin ${statements.join(' ')} end $$`));

  const report: DemoHistoryReport = {
    cases: prepared.cases.length,
    events: prepared.events.length,
    ratings: prepared.ratings.length,
    from: (prepared.cases[0]?.createdAt as Date | undefined) ?? null,
    to: (prepared.cases[prepared.cases.length - 1]?.createdAt as Date | undefined) ?? null,
  };
  await recordAudit(
    ctx.db,
    systemActor,
    { action: 'seed.demo-history', entityType: 'seed', data: { cases: report.cases, events: report.events, ratings: report.ratings, from: report.from?.toISOString() ?? null, to: report.to?.toISOString() ?? null } },
    realNow,
  );
  return report;
}

async function insertChunked(ctx: AppContext, table: typeof cases | typeof caseEvents | typeof caseRatings | typeof reporters, rows: object[]): Promise<void> {
  if (!rows.length) return;
  // PostgreSQL allows 65,535 parameters a statement.
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(60_000 / Math.max(columns, 1)));
  for (let i = 0; i < rows.length; i += size) await ctx.db.insert(table).values(rows.slice(i, i + size) as never[]);
}

interface SimulateInput {
  random: Rng;
  bank: DemoHistoryBank;
  category: Category;
  grid: IndexedGrid;
  channel: Channel;
  createdAt: number;
  staff: DemoDirectory;
  unitById: Map<string, Unit>;
  fallbackUnit: Unit;
  limits: (category: Category, level: CaseLevel) => ClockedLimits;
  ctx: AppContext;
}

/** One case's whole life, as the lifecycle would have written it. */
function simulate(input: SimulateInput): Built {
  const { random, bank, category, grid, channel, staff, unitById, fallbackUnit, limits, ctx } = input;
  const village = grid.ancestors.find((a) => a.level === 'village')!;
  const town = grid.ancestors.find((a) => a.level === 'town')!;
  const urgent = category.colour === 'red';

  // Reported mostly in the daytime (residents write in the evening too).
  const dayStart = input.createdAt - (input.createdAt % (24 * HOUR)) - 8 * HOUR;
  const hourOfDay = urgent ? random() * 24 : 7 + random() * 15;
  let t = dayStart + Math.floor(hourOfDay * 60) * MINUTE + Math.floor(random() * 60_000);
  if (t < input.createdAt - 24 * HOUR) t += 24 * HOUR;
  const createdAt = t;

  const caseId = idAt(random, createdAt);
  const reporterFields = fakeReporter(random, channel);
  const reporterId = reporterFields ? idAt(random, createdAt) : null;
  const isAnonymous = !reporterFields && ['resident_app', 'hotline', 'open311', 'visit'].includes(channel);
  const creator: StaffActor | null =
    channel === 'resident_app'
      ? null
      : channel === 'visit' || channel === 'patrol'
        ? staff.gridWorkerOf(grid.code)
        : channel === 'staff'
          ? staff.communityOf(village.code)
          : staff.countyCenter;
  const demandType =
    category.verification === 'none'
      ? 'inquiry'
      : weighted(random, category.verification === 'reporter' ? ([['help', 55], ['complaint', 30], ['inquiry', 10], ['suggestion', 5]] as const) : ([['complaint', 65], ['help', 20], ['suggestion', 15]] as const));
  const point = pointIn(grid, random);
  const description = describe(random, bank, category, grid);

  let level: CaseLevel = category.level;
  const row: CaseInsert = {
    id: caseId,
    number: '',
    countyCode: ctx.config.countyCode,
    channel,
    demandType,
    categoryCode: category.code,
    description,
    status: 'reported',
    colour: category.colour,
    level,
    territoryNodeId: grid.id,
    territoryPath: grid.path,
    gridId: grid.id,
    basicGridId: null,
    lat: point.lat,
    lng: point.lng,
    address: null,
    reporterId,
    isAnonymous,
    trackingCodeEncrypted: ctx.secrets.encrypt(newTrackingCode()),
    respondBy: respondByFrom(new Date(createdAt), limits(category, level)),
    hasLeftGrid: level !== 'grid',
    createdById: creator?.id ?? null,
    createdAt: new Date(createdAt),
  };
  const reporter: ReporterInsert | null = reporterFields
    ? {
        id: reporterId!,
        nameEncrypted: reporterFields.name ? ctx.secrets.encrypt(reporterFields.name) : null,
        phoneEncrypted: reporterFields.phone ? ctx.secrets.encrypt(reporterFields.phone) : null,
        phoneHash: reporterFields.phone ? ctx.secrets.lookupHash(reporterFields.phone) : null,
        createdAt: new Date(createdAt),
      }
    : null;

  const events: EventInsert[] = [];
  const ratings: RatingInsert[] = [];
  let status: string = 'reported';
  let version = 1;
  const event = (action: string, to: string | null, actor: StaffActor | 'resident' | 'reporter' | 'system', note: string | null, data: Record<string, unknown>) => {
    const staffActor = typeof actor === 'object' ? actor : null;
    events.push({
      id: idAt(random, t, events.length),
      caseId,
      action,
      fromStatus: action === 'create' ? null : status,
      toStatus: to,
      actorId: staffActor?.id ?? null,
      actorRole: staffActor?.role ?? actor as string,
      note,
      data,
      createdAt: new Date(t),
    });
    if (action !== 'create' && action !== 'auto-close') version++;
    if (to) status = to;
  };
  const later = (minMinutes: number, maxMinutes: number, daytime = !urgent) => {
    t += Math.floor((minMinutes + random() * (maxMinutes - minMinutes)) * MINUTE);
    if (daytime) t = inDaytime(t, random);
  };

  event('create', 'reported', creator ?? 'resident', null, { channel, locatedTo: 'grid', ...(reporterId ? { reporterId } : {}) });

  // Who takes the case in, and where it goes.
  const dispatcher = level === 'grid' ? staff.communityOf(village.code) : level === 'village' ? staff.centerOf(town.code) : staff.countyCenter;
  const respondMinutes = limits(category, level).respondMinutes;
  const lateResponse = random() < 0.03;
  t += Math.max(1, Math.floor(respondMinutes * (lateResponse ? 1.1 + random() * 1.5 : 0.05 + 0.7 * random() * random()))) * MINUTE;
  if (!urgent && respondMinutes > 60) t = inDaytime(t, random);

  if (random() < 0.02) {
    event('reject', 'rejected', dispatcher, pick(random, rejectReasons), {});
    Object.assign(row, { status, respondedAt: new Date(t), updatedAt: new Date(t), version });
    return { reporter, row, events, ratings };
  }

  event('accept', 'accepted', dispatcher, null, {});
  const acceptedAt = t;
  let resolveBy = resolveByFrom(new Date(t), limits(category, level)).getTime();
  let respondBy = row.respondBy as Date;

  // Dispatch: a grid-level category to its grid; else the category's unit, or the village/town itself.
  let target: { kind: 'grid' | 'village' | 'town' | 'unit'; id: string };
  if (level === 'grid') target = { kind: 'grid', id: grid.id };
  else if (level === 'village') target = { kind: 'village', id: village.id };
  else if (category.defaultUnitId) target = { kind: 'unit', id: category.defaultUnitId };
  else target = { kind: 'town', id: town.id };
  const targetLevel = (tg: typeof target): CaseLevel => (tg.kind === 'unit' ? levelOfUnit[unitById.get(tg.id)!.kind] : tg.kind);
  let assignee: { kind: 'node' | 'unit' | 'user'; id: string } = { kind: 'node', id: '' };
  let hasLeftGrid = row.hasLeftGrid as boolean;
  const dispatch = () => {
    later(3, urgent ? 15 : 120);
    level = targetLevel(target);
    hasLeftGrid = hasLeftGrid || level !== 'grid';
    event('dispatch', 'dispatched', dispatcher, null, { target, level });
    assignee = { kind: target.kind === 'unit' ? 'unit' : 'node', id: target.id };
  };
  dispatch();

  const assigneeActor = (): StaffActor => {
    if (assignee.kind === 'unit') {
      const unit = unitById.get(assignee.id)!;
      return unit.code.startsWith('OFFICE-') ? staff.centerOf(unit.code.slice('OFFICE-'.length)) : staff.departmentOf(unit.code);
    }
    if (assignee.kind === 'user') return worker!;
    if (level === 'grid') return staff.gridWorkerOf(grid.code);
    if (level === 'village') return staff.communityOf(village.code);
    return staff.centerOf(town.code);
  };
  let worker: StaffActor | null = null;
  /** The one who verifies: never the handler — the level above the work. */
  const verifier = (): StaffActor => (level === 'grid' ? staff.communityOf(village.code) : level === 'village' ? staff.centerOf(town.code) : staff.countyCenter);

  if (random() < 0.03) {
    later(20, 240);
    const by = assigneeActor();
    event('return', 'returned', by, pick(random, returnReasons), { from: { kind: assignee.kind, id: assignee.id } });
    dispatch();
  }
  const take = () => {
    later(urgent ? 1 : 10, urgent ? 10 : 300);
    const by = assigneeActor();
    event('take', 'in_progress', by, null, {});
    if (assignee.kind === 'node') assignee = { kind: 'user', id: by.id };
    worker = by;
  };
  take();

  let escalationCount = 0;
  const next = nextLevel[level];
  if (next && random() < 0.03) {
    later(60, 24 * 60);
    const by = worker!;
    let targetUnitId: string | undefined;
    if (next === 'department') {
      targetUnitId = category.defaultUnitId && unitById.get(category.defaultUnitId)!.kind === 'department' ? category.defaultUnitId : fallbackUnit.id;
      assignee = { kind: 'unit', id: targetUnitId };
    } else {
      assignee = { kind: 'node', id: next === 'village' ? village.id : town.id };
    }
    event('escalate', null, by, pick(random, escalateReasons), { fromLevel: level, toLevel: next, ...(targetUnitId ? { targetUnitId } : {}) });
    level = next;
    hasLeftGrid = true;
    escalationCount++;
    respondBy = respondByFrom(new Date(t), limits(category, level));
    resolveBy = resolveByFrom(new Date(t), limits(category, level)).getTime();
    worker = assigneeActor();
  }

  let extensionCount = 0;
  let extensionHours = 0;
  if (!urgent && random() < 0.05) {
    later(60, 48 * 60);
    const hours = pick(random, [24, 48, 72, 120]);
    event('request-extension', null, worker!, pick(random, extensionReasons), { hours });
    later(30, 6 * 60);
    event('approve-extension', null, verifier(), '同意延期', { decision: 'approve', hours });
    resolveBy += hours * HOUR;
    extensionCount++;
    extensionHours += hours;
  }

  let handledAt: number | null = null;
  let closedAt: number | null = null;
  let handlerId: string | null = null;
  const result = () => pick(random, bank.results[category.verification] ?? bank.results['on_site']!);
  const handle = () => {
    const window = Math.max(resolveBy - t, 30 * MINUTE);
    const overdue = random() < 0.07;
    const at = overdue ? resolveBy + (0.05 + random() * 0.5) * Math.max(resolveBy - acceptedAt, 2 * HOUR) : t + (0.05 + 0.85 * random() * random()) * window;
    t = Math.max(t + 5 * MINUTE, Math.floor(at));
    if (!urgent) t = inDaytime(t, random);
    const by = worker ?? assigneeActor();
    event('handle', 'handled', by, result(), {});
    handledAt = t;
    handlerId = by.id;
  };
  handle();

  let reworkCount = 0;
  let reopenCount = 0;
  const round = () => reopenCount + reworkCount;
  const rate = (forcedOk = false): 'ok' | 'dissatisfied' => {
    const value = forcedOk ? weighted(random, [['satisfied', 80], ['fairlySatisfied', 20]] as const) : weighted(random, [['satisfied', 80], ['fairlySatisfied', 16], ['dissatisfied', 4]] as const);
    const onBehalf = channel === 'hotline' && random() < 0.5;
    const ratingId = idAt(random, t);
    const comment = random() < 0.25 ? pick(random, ratingComments) : null;
    ratings.push({ id: ratingId, caseId, round: round(), rating: value, comment, channel: onBehalf ? 'staff-on-behalf' : 'tracking', residentId: null, recordedBy: onBehalf ? staff.countyCenter.id : null, createdAt: new Date(t) });
    const confirms = status === 'handled' && category.verification === 'reporter';
    const outcome = value !== 'dissatisfied' ? (confirms ? 'closed' : 'none') : status === 'handled' ? 'reworked' : 'reopened';
    const to = outcome === 'closed' ? 'closed' : outcome === 'reworked' ? 'rework' : outcome === 'reopened' ? 'in_progress' : null;
    event('rate', to, onBehalf ? staff.countyCenter : 'reporter', comment, { ratingId, rating: value, channel: onBehalf ? 'staff-on-behalf' : 'tracking', outcome });
    if (outcome === 'closed') closedAt = t;
    if (outcome === 'reworked') {
      reworkCount++;
      handledAt = null;
    }
    if (outcome === 'reopened') {
      reopenCount++;
      closedAt = null;
      handledAt = null;
      resolveBy = resolveByFrom(new Date(t), limits(category, level)).getTime();
    }
    return value === 'dissatisfied' ? 'dissatisfied' : 'ok';
  };

  if (category.verification === 'none') {
    // An inquiry closes when answered: the system's second event at the same instant.
    event('auto-close', 'closed', 'system', null, {});
    closedAt = t;
    if (reporterId && random() < 0.3) {
      later(60, 48 * 60, false);
      rate(true);
    }
  } else if (category.verification === 'reporter' && reporterId) {
    // The reporter's 满意 closes it; 不满意 sends it back for rework.
    later(60, 48 * 60, false);
    if (rate() === 'dissatisfied') {
      take();
      handle();
      later(60, 48 * 60, false);
      rate(true);
    }
  } else {
    if (random() < 0.05) {
      later(30, 24 * 60);
      event('rework', 'rework', verifier(), pick(random, reworkReasons), {});
      reworkCount++;
      handledAt = null;
      take();
      handle();
    }
    later(30, 24 * 60);
    event('close', 'closed', verifier(), null, {});
    closedAt = t;
    if (reporterId && random() < 0.7) {
      later(60, 72 * 60, false);
      if (rate() === 'dissatisfied') {
        handle();
        later(30, 24 * 60);
        event('close', 'closed', verifier(), null, {});
        closedAt = t;
        later(60, 48 * 60, false);
        rate(true);
      }
    } else if (random() < 0.01) {
      // Reopened by staff: the problem came back.
      later(3 * 24 * 60, 20 * 24 * 60);
      event('reopen', 'in_progress', dispatcher, pick(random, reopenReasons), {});
      reopenCount++;
      closedAt = null;
      handledAt = null;
      resolveBy = resolveByFrom(new Date(t), limits(category, level)).getTime();
      handle();
      later(30, 24 * 60);
      event('close', 'closed', verifier(), null, {});
      closedAt = t;
    }
  }

  const finalAssignee = assignee as { kind: 'node' | 'unit' | 'user'; id: string };
  Object.assign(row, {
    status,
    level,
    hasLeftGrid,
    assigneeKind: finalAssignee.kind,
    assigneeNodeId: finalAssignee.kind === 'node' ? finalAssignee.id : null,
    assigneeUnitId: finalAssignee.kind === 'unit' ? finalAssignee.id : null,
    assigneeUserId: finalAssignee.kind === 'user' ? finalAssignee.id : null,
    handlerId,
    respondBy,
    respondedAt: new Date(acceptedAt),
    acceptedAt: new Date(acceptedAt),
    resolveBy: new Date(resolveBy),
    handledAt: handledAt === null ? null : new Date(handledAt),
    closedAt: closedAt === null ? null : new Date(closedAt),
    escalationCount,
    reworkCount,
    reopenCount,
    extensionCount,
    extensionHours,
    updatedAt: new Date(t),
    version,
  });
  return { reporter, row, events, ratings };
}
