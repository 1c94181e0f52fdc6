import type { AppContext } from '../platform/context.js';
import { mulberry32 } from '../platform/prng.js';
import { bboxOf, geometryContains, type IndexedGrid } from '../modules/territory/index.js';
import { writeHouseholdBatch, type HouseholdInput, idNumberCheckChar, dedupeKeyOf } from '../modules/households/index.js';
import type { HouseholdTag, MemberRelation } from '../modules/households/households.tables.js';

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const given = ['建国', '秀英', '桂兰', '志强', '玉梅', '海燕', '俊杰', '子涵', '浩然', '雨欣', '春生', '凤英', '德明', '丽华', '家豪', '思琪', '长江', '翠花', '永刚', '晓东', '梓轩', '欣怡', '国庆', '淑珍'];
const roads = ['幸福路', '振兴路', '团结路', '民主路', '江庄大街', '果园路', '新河路', '建设路'];

/** Households per basic grid: enough for a realistic visit plan (7 a day per cadre, 2-month cycle). */
const perGrid = 45;

function pointIn(grid: IndexedGrid, random: () => number): { lat: number; lng: number } | null {
  const b = bboxOf(grid.geometry);
  for (let i = 0; i < 100; i++) {
    const lng = b.minLng + random() * (b.maxLng - b.minLng);
    const lat = b.minLat + random() * (b.maxLat - b.minLat);
    if (geometryContains(grid.geometry, lng, lat)) return { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) };
  }
  return null;
}

function idNumber(random: () => number, birthYear: number, countyCode: string): string {
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const first17 = `${countyCode.slice(0, 6)}${birthYear}${month}${day}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * Demo households in 江庄村 and the cadre's second village of 江庄镇 (the villages the demo cadre is
 * assigned to): village houses along roads and a small estate with buildings/units/rooms, 1–5
 * members each with sealed names, phones and ID numbers, and the usual share of tags (独居老人,
 * 低保, 留守儿童 …). Written with the importer's batch writer: a few multi-row INSERTs.
 */
export async function seedDemoHouseholds(ctx: AppContext, at: Date): Promise<number> {
  const index = ctx.grids.current;
  const random = mulberry32(20260606);
  const villages = [...index.nodes.values()].filter((n) => n.level === 'village');
  const town = [...index.nodes.values()].find((n) => n.level === 'town' && n.name === '江庄镇');
  if (!town) return 0;
  const inTown = villages.filter((v) => v.parentId === town.id).sort((a, b) => a.code.localeCompare(b.code));
  const jiangzhuang = inTown.find((v) => v.name === '江庄村') ?? inTown[0];
  const second = inTown.find((v) => v.id !== jiangzhuang?.id);
  const grids = index.grids.filter((g) => g.gridKind === 'basic' && [jiangzhuang?.id, second?.id].includes(g.ancestors[0]?.id)).sort((a, b) => a.code.localeCompare(b.code));

  const batch: HouseholdInput[] = [];
  for (const grid of grids) {
    const road = roads[Math.floor(random() * roads.length)]!;
    for (let i = 0; i < perGrid; i++) {
      const estate = i >= perGrid - 12;
      const address = estate ? `${grid.ancestors[0]!.name}安置小区` : `${grid.ancestors[0]!.name}${road}${i + 1}号`;
      const building = estate ? String(1 + Math.floor((i - (perGrid - 12)) / 4)) : null;
      const unit = estate ? '1' : null;
      const room = estate ? `${1 + ((i - (perGrid - 12)) % 4)}01` : null;
      const surname = surnames[Math.floor(random() * surnames.length)]!;
      const roll = random();
      const tags: HouseholdTag[] = [];
      const alone = roll < 0.08;
      if (alone) tags.push('elderly_alone');
      if (roll > 0.9) tags.push('dibao');
      if (roll > 0.85 && roll < 0.88) tags.push('disabled');
      if (roll > 0.95) tags.push('key_attention');
      const size = alone ? 1 : 1 + Math.floor(random() * 5);
      const members: HouseholdInput['members'] = [];
      const headYear = alone ? 1935 + Math.floor(random() * 15) : 1950 + Math.floor(random() * 40);
      const relations: MemberRelation[] = ['head', 'spouse', 'child', 'child', 'grandchild'];
      for (let k = 0; k < size; k++) {
        const relation = relations[k]!;
        const year = relation === 'head' || relation === 'spouse' ? headYear + Math.floor(random() * 4) : relation === 'child' ? headYear + 22 + Math.floor(random() * 10) : Math.min(2020, headYear + 45 + Math.floor(random() * 10));
        const memberTags: HouseholdTag[] = relation === 'grandchild' && roll > 0.8 ? ['left_behind_child'] : k === 0 ? tags.filter((t) => t !== 'left_behind_child') : [];
        if (memberTags.includes('left_behind_child')) tags.push('left_behind_child');
        members.push({
          name: (relation === 'spouse' ? surnames[Math.floor(random() * surnames.length)]! : surname) + given[Math.floor(random() * given.length)]!,
          phone: relation === 'grandchild' ? null : `1${[3, 5, 7, 8, 9][Math.floor(random() * 5)]}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
          idNumber: idNumber(random, year, grid.code),
          birthYear: year,
          relation,
          tags: memberTags,
        });
      }
      const point = random() < 0.8 ? pointIn(grid, random) : null;
      batch.push({ gridId: grid.id, territoryPath: grid.path, address, building, unit, room, lat: point?.lat ?? null, lng: point?.lng ?? null, tags: [...new Set(tags)], dedupeKey: dedupeKeyOf({ gridCode: grid.code, address, building, unit, room }), members });
    }
  }
  for (let i = 0; i < batch.length; i += 500) await writeHouseholdBatch(ctx.db, ctx.secrets, batch.slice(i, i + 500), { at, createdById: null, importId: null });
  return batch.length;
}
