/**
 * Duplicates: (a) precision and recall of our rule on a labelled set of pairs, beside a distance-only rule;
 * (b) the cost of the candidate query at 1,000,000 open cases, beside a plain single-row INSERT.
 *
 *   npm run -w bench duplicates                                   # (a) only (no database needed)
 *   bash scripts/with-postgres.sh npm run -w bench duplicates     # (a) and (b) on a throwaway PostgreSQL 15
 *   npm run -w bench duplicates -- --problems 400 --rows 1000000 --probes 2000   # options
 *
 * (a) The labelled pairs are generated, deterministically (seed 20261208), from templates: 14 kinds of
 * problem (路灯, 井盖, 垃圾, 噪音, 积水 …), each with 5–6 ways residents word it, and 24 landmarks (三组路口,
 * 幸福小区北门 …). One "problem" is a kind at a landmark, at a random point in a 20 × 20 km box, reported on a
 * random day. For each problem the set holds:
 *   - 2 true duplicates: another wording of the same kind, naming the same landmark (or, one time in three,
 *     no landmark at all), 0–120 m away (GPS jitter and "across the road"), 0–10 days later; the second
 *     reporter picks the same category 3 times in 4, none otherwise;
 *   - 1 "other problem nearby": a different kind, 0–200 m away, 0–10 days later (a distance-only rule's false alarm);
 *   - 1 "same kind far away": the same kind and wording style, 1–5 km away, 0–10 days later;
 *   - 1 "same kind long ago": the same kind at the same landmark, 0–100 m away, 35–120 days earlier;
 *   - 1 "same kind, other spot": the same kind at another landmark, 80–240 m away (hard: a street with two
 *     broken lamps is two cases).
 * Each pair is judged by (1) our rule — within the radius and window (county default 250 m / 30 days) and
 * `isLikelyDuplicate` (score and text similarity over the thresholds in similarity.ts) — and (2) the
 * distance-only rule: within the radius and window. Printed: precision, recall and F1 of each, and per kind
 * of pair how often each rule said "duplicate". docs/duplicates.md keeps the figures.
 *
 * (b) With DATABASE_URL (scripts/with-postgres.sh), a fresh demo-seeded database gets `--rows` synthetic open
 * cases (generate_series: points uniform over the demo county's grids' box, reported over the last 60 days,
 * one of the 14 kinds' texts), then ANALYZE. Timed, alternating, `--probes` times each: the candidate query
 * (`findCandidates`, the one intake forms call: bounding box + window on the partial index cases_open_location,
 * then distances and similarity in memory) at random points in the box, and a plain single-row INSERT into a
 * bench table. Printed: p50/p90/p99 of each, rows returned per probe, and the query plan.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { findCandidates } from '../server/src/modules/duplicates/candidates.js';
import { defaultRule } from '../server/src/modules/duplicates/duplicate-rules.js';
import { distanceM, isLikelyDuplicate, scoreCandidate, textSimilarity } from '../server/src/modules/duplicates/similarity.js';
import { rowsOf } from '../server/src/platform/db/database.js';
import { newId } from '../server/src/platform/ids.js';
import { openSeededDatabase } from './lib/seeded-database.js';
import { fmt, loadAverage, machine, mulberry32, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    problems: { type: 'string', default: '400' },
    rows: { type: 'string', default: '1000000' },
    probes: { type: 'string', default: '2000' },
  },
});

/** Kinds of problem: a category code and the ways residents word it (`{p}` = the landmark). */
const kinds: { category: string; wordings: string[] }[] = [
  { category: '0105', wordings: ['{p}的路灯坏了，晚上一片漆黑', '{p}路灯不亮好几天了，走夜路很危险', '晚上{p}那边黑乎乎的，路灯一直没亮', '{p}有盏路灯坏了，请来修一下', '反映{p}路灯不亮的问题，老人晚上不敢出门'] },
  { category: '0101', wordings: ['{p}的井盖丢了，一个大坑很危险', '{p}下水井盖破了，小孩路过容易掉下去', '{p}路上井盖松动，车一压就响', '{p}窨井盖缺失，请尽快补上', '{p}有个井盖没了，晚上看不见'] },
  { category: '0201', wordings: ['{p}垃圾桶满了没人清运，臭味很大', '{p}的垃圾好几天没拉走了，苍蝇很多', '{p}垃圾堆成山，夏天气味难闻', '{p}垃圾站一直没人清理', '{p}垃圾溢出来了，请环卫来处理'] },
  { category: '0205', wordings: ['{p}广场舞音响太吵，晚上十点还在跳', '{p}晚上跳舞的音乐声音太大，影响休息', '{p}噪音扰民，广场舞放到很晚', '{p}每天晚上音响很响，孩子没法睡觉', '{p}广场舞声音能不能小一点'] },
  { category: '0102', wordings: ['{p}下雨积水很深，电动车过不去', '{p}排水不畅，一下雨就淹了', '{p}路面积水好几天不退', '{p}雨后积水严重，行人只能绕路', '{p}下水道堵了，雨水排不出去'] },
  { category: '0302', wordings: ['{p}的路面坑坑洼洼，电动车容易摔', '{p}道路破损严重，有好几个大坑', '{p}路上有个大坑，昨天有人摔倒了', '{p}村道坑洼不平，希望修补', '{p}路面塌陷了一块，很危险'] },
  { category: '0203', wordings: ['{p}有人乱扔建筑垃圾', '{p}被倒了一堆建筑渣土', '{p}路边堆满装修垃圾没人管', '{p}有人偷倒建筑垃圾，堵住了路', '{p}渣土乱倒，扬尘很大'] },
  { category: '0401', wordings: ['{p}的自来水停了一天了', '{p}没有水，自来水一直不来', '{p}停水了也没通知，做饭都没水', '{p}水压太小，楼上接不到水', '{p}自来水管爆了，水哗哗地流'] },
  { category: '0104', wordings: ['{p}的树倒了挡住了路', '{p}大树被风刮倒，车过不去', '{p}有棵树歪了，随时会倒', '{p}枯树枝掉下来砸到电线', '{p}路边倒伏的树木需要清理'] },
  { category: '0206', wordings: ['{p}有家饭店油烟很大，呛得开不了窗', '{p}烧烤摊油烟扰民', '{p}餐馆排油烟管直对居民楼', '{p}晚上烧烤烟雾太大', '{p}饭店油烟熏黑了墙'] },
  { category: '0303', wordings: ['{p}的护栏断了，小孩在旁边玩很危险', '{p}桥上护栏坏了，担心有人掉下去', '{p}河边栏杆倒了一段', '{p}护栏松动，一推就晃', '{p}水塘边的护栏缺了一截'] },
  { category: '0502', wordings: ['{p}有人占道经营，车都过不去', '{p}摆摊的把路堵了', '{p}小商贩占了人行道', '{p}路边摊点太多，出行不便', '{p}早市摊位占道，堵车严重'] },
  { category: '0601', wordings: ['{p}有只流浪狗咬人', '{p}好多流浪狗，晚上乱叫', '{p}野狗成群，孩子上学害怕', '{p}流浪犬追着人跑', '{p}有条狗很凶，已经咬伤了人'] },
  { category: '0107', wordings: ['{p}的电线垂得很低，快碰到头了', '{p}电线杆歪了，电线拖在地上', '{p}有根电线掉下来了，很危险', '{p}电缆裸露在外面，下雨怕漏电', '{p}电线乱拉，像蜘蛛网一样'] },
];
const landmarks = ['三组路口', '幸福小区北门', '村委会东侧', '文化广场', '小学门口', '二组桥头', '菜市场旁边', '卫生院后面', '老街十字路口', '工业园南门', '幼儿园对面', '五组水塘边', '汽车站出口', '新村东头', '供销社门前', '中心路中段', '敬老院门口', '四组村道', '火车道口', '公交站台', '健身广场', '一组老井旁', '河堤路', '农贸市场北口'];

const dayMs = 86_400_000;
const random = mulberry32(20261208);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const between = (lo: number, hi: number) => lo + random() * (hi - lo);

interface Report {
  lat: number;
  lng: number;
  text: string;
  category: string | null;
  at: number;
}
type PairKind = 'duplicate' | 'other problem nearby' | 'same kind far away' | 'same kind long ago' | 'same kind, other spot';
interface Pair {
  kind: PairKind;
  a: Report;
  b: Report;
}

/** A point `metres` away from (lat, lng) in a random direction. */
function moved(lat: number, lng: number, metres: number) {
  const angle = random() * 2 * Math.PI;
  return { lat: lat + (metres * Math.cos(angle)) / 111_320, lng: lng + (metres * Math.sin(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180)) };
}
const word = (kind: (typeof kinds)[number], place: string | null, except?: string) => {
  let text = except;
  while (text === except) text = pick(kind.wordings);
  return place ? text!.replace('{p}', place) : text!.replace('{p}', '').replace(/^的/, '');
};

function labelledPairs(problems: number): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < problems; i++) {
    const kind = pick(kinds);
    const place = pick(landmarks);
    const first = pick(kind.wordings);
    const origin = { lat: between(34.35, 34.53), lng: between(117.25, 117.47) };
    const a: Report = { ...origin, text: first.replace('{p}', place), category: kind.category, at: Math.floor(between(0, 300)) * dayMs };
    const later = () => a.at + between(0, 10) * dayMs;
    for (let d = 0; d < 2; d++) {
      pairs.push({
        kind: 'duplicate',
        a,
        b: { ...moved(a.lat, a.lng, between(0, 120)), text: word(kind, random() < 1 / 3 ? null : place, first), category: random() < 0.75 ? kind.category : null, at: later() },
      });
    }
    let other = pick(kinds);
    while (other === kind) other = pick(kinds);
    pairs.push({ kind: 'other problem nearby', a, b: { ...moved(a.lat, a.lng, between(0, 200)), text: word(other, random() < 0.5 ? place : null), category: other.category, at: later() } });
    pairs.push({ kind: 'same kind far away', a, b: { ...moved(a.lat, a.lng, between(1000, 5000)), text: word(kind, pick(landmarks), first), category: kind.category, at: later() } });
    pairs.push({ kind: 'same kind long ago', a, b: { ...moved(a.lat, a.lng, between(0, 100)), text: word(kind, place, first), category: kind.category, at: a.at - between(35, 120) * dayMs } });
    let elsewhere = pick(landmarks);
    while (elsewhere === place) elsewhere = pick(landmarks);
    pairs.push({ kind: 'same kind, other spot', a, b: { ...moved(a.lat, a.lng, between(80, 240)), text: word(kind, elsewhere), category: kind.category, at: later() } });
  }
  return pairs;
}

/** Both rules on one pair: `b` is the new report, `a` the open case it is compared with. */
function judge(pair: Pair, rule = defaultRule) {
  const distance = distanceM(pair.a.lat, pair.a.lng, pair.b.lat, pair.b.lng);
  const daysAgo = (pair.b.at - pair.a.at) / dayMs;
  const near = distance <= rule.radiusM && Math.abs(daysAgo) <= rule.windowDays;
  const facts = { distanceM: distance, daysAgo, similarity: textSimilarity(pair.b.text, pair.a.text), sameCategory: pair.b.category !== null && pair.b.category === pair.a.category };
  return { distanceOnly: near, ours: near && isLikelyDuplicate(facts, scoreCandidate(facts, rule)) };
}

function measures(pairs: Pair[], said: (p: Pair) => boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const yes = said(p);
    if (yes && p.kind === 'duplicate') tp++;
    else if (yes) fp++;
    else if (p.kind === 'duplicate') fn++;
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function accuracyPart() {
  const pairs = labelledPairs(Number(args.problems));
  const verdicts = new Map(pairs.map((p) => [p, judge(p)]));
  const ours = measures(pairs, (p) => verdicts.get(p)!.ours);
  const distanceOnly = measures(pairs, (p) => verdicts.get(p)!.distanceOnly);
  const pct = (x: number) => `${fmt(x * 100)} %`;
  console.log(`\n(a) ${pairs.length} labelled pairs from ${args.problems} problems (${pairs.filter((p) => p.kind === 'duplicate').length} duplicates), rule ${defaultRule.radiusM} m / ${defaultRule.windowDays} days`);
  console.log(
    table([
      ['rule', 'precision', 'recall', 'F1'],
      ['ours (radius + window + score/similarity)', pct(ours.precision), pct(ours.recall), fmt(ours.f1, 3)],
      ['distance only (radius + window)', pct(distanceOnly.precision), pct(distanceOnly.recall), fmt(distanceOnly.f1, 3)],
    ]),
  );
  const kindsOfPair: PairKind[] = ['duplicate', 'other problem nearby', 'same kind far away', 'same kind long ago', 'same kind, other spot'];
  console.log('\nsaid "duplicate", per kind of pair:');
  console.log(
    table([
      ['pair', 'pairs', 'ours', 'distance only'],
      ...kindsOfPair.map((k) => {
        const of = pairs.filter((p) => p.kind === k);
        return [k, String(of.length), pct(of.filter((p) => verdicts.get(p)!.ours).length / of.length), pct(of.filter((p) => verdicts.get(p)!.distanceOnly).length / of.length)];
      }),
    ]),
  );
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function costPart() {
  if (!process.env.DATABASE_URL) {
    console.log('\n(b) skipped: run under scripts/with-postgres.sh for the cost at 1,000,000 open cases');
    return;
  }
  const rows = Number(args.rows);
  const probes = Number(args.probes);
  const seeded = await openSeededDatabase();
  try {
    const db = seeded.opened.ctx.db;
    const [extent] = rowsOf<{ min_lat: number; max_lat: number; min_lng: number; max_lng: number }>(
      await db.execute(sql`select min(lat) as min_lat, max(lat) as max_lat, min(lng) as min_lng, max(lng) as max_lng from cases where lat is not null`),
    );
    // The demo cases sit in a few villages; widen to the county's size (about 25 × 25 km around them).
    const box = { minLat: Math.min(extent!.min_lat, 34.33), maxLat: Math.max(extent!.max_lat, 34.56), minLng: Math.min(extent!.min_lng, 117.2), maxLng: Math.max(extent!.max_lng, 117.48) };
    const texts = kinds.map((k) => k.wordings[0]!.replace('{p}', ''));
    console.log(`\n(b) ${seeded.where}; inserting ${fmt(rows, 0)} open cases over lat ${box.minLat.toFixed(2)}–${box.maxLat.toFixed(2)}, lng ${box.minLng.toFixed(2)}–${box.maxLng.toFixed(2)}, last 60 days …`);
    const insertStarted = performance.now();
    await db.execute(sql`
      insert into cases (id, number, county_code, channel, demand_type, category_code, description, status, colour, level,
        territory_node_id, territory_path, lat, lng, respond_by, created_at, updated_at)
      select gen_random_uuid(), 'BENCH-' || g, c.county_code, 'resident_app', c.demand_type, c.category_code,
        (${sql.raw(`array[${texts.map((t) => `'${t}'`).join(',')}]`)})[1 + g % ${kinds.length}],
        (array['reported','accepted','dispatched','in_progress','handled'])[1 + g % 5], 'green', 'grid',
        c.territory_node_id, c.territory_path,
        ${box.minLat} + random() * ${box.maxLat - box.minLat}, ${box.minLng} + random() * ${box.maxLng - box.minLng},
        now() + interval '1 day', now() - random() * interval '60 days', now()
      from generate_series(1, ${rows}) g, (select * from cases order by id limit 1) c`);
    await db.execute(sql`analyze cases`);
    console.log(`inserted in ${fmt((performance.now() - insertStarted) / 1000)} s; open cases now ${rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from cases where status not in ('closed','rejected','merged')`))[0]!.n}`);
    await db.execute(sql`create table bench_baseline (id uuid primary key, lat double precision, lng double precision, body text, created_at timestamptz not null)`);

    const rule = defaultRule;
    const point = () => ({ lat: between(box.minLat, box.maxLat), lng: between(box.minLng, box.maxLng) });
    const query: number[] = [];
    const insert: number[] = [];
    let returned = 0;
    const now = new Date();
    for (let i = 0; i < 100; i++) await findCandidates(db, { ...point(), description: texts[i % texts.length]!, categoryCode: null, at: now }, rule); // warm-up
    for (let i = 0; i < probes; i++) {
      const p = point();
      let t0 = performance.now();
      const found = await findCandidates(db, { ...p, description: texts[i % texts.length]!, categoryCode: null, at: now }, rule);
      query.push(performance.now() - t0);
      returned += found.length;
      t0 = performance.now();
      await db.execute(sql`insert into bench_baseline (id, lat, lng, body, created_at) values (${newId()}, ${p.lat}, ${p.lng}, ${texts[i % texts.length]}, now())`);
      insert.push(performance.now() - t0);
    }
    query.sort((a, b) => a - b);
    insert.sort((a, b) => a - b);
    const ms = (x: number) => `${fmt(x, 2)} ms`;
    console.log(
      table([
        ['operation', 'p50', 'p90', 'p99', 'max'],
        ['candidate query (findCandidates)', ms(percentile(query, 0.5)), ms(percentile(query, 0.9)), ms(percentile(query, 0.99)), ms(query.at(-1)!)],
        ['plain single-row INSERT (baseline)', ms(percentile(insert, 0.5)), ms(percentile(insert, 0.9)), ms(percentile(insert, 0.99)), ms(insert.at(-1)!)],
      ]),
    );
    console.log(`${probes} probes each, alternating; candidates within ${rule.radiusM} m / ${rule.windowDays} days: ${fmt(returned / probes)} per probe on average`);
    const p = point();
    const plan = rowsOf<{ 'QUERY PLAN': string }>(await db.execute(sql`explain (analyze, buffers) select * from cases where lat is not null and status not in ('closed','rejected','merged')
      and lat between ${p.lat - 0.00225} and ${p.lat + 0.00225} and lng between ${p.lng - 0.0027} and ${p.lng + 0.0027}
      and created_at >= now() - interval '30 days' and created_at <= now() order by created_at desc limit 300`));
    console.log('\nplan of one probe:\n' + plan.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
  } finally {
    await seeded.dispose();
  }
}

async function main() {
  await warnIfBusy();
  console.log(`duplicates — ${machine()}`);
  accuracyPart();
  await costPart();
  console.log(`\n${loadAverage()}`);
}

await main();
