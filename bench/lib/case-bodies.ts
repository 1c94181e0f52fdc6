/**
 * Valid resident reports (no category: the reporter leaves it to the county) at random points inside the
 * seeded grids, so every intake runs the grid lookup — and, with a suggestion model on, the suggester.
 */
import { bboxOf } from '../../server/src/modules/territory/geometry.js';
import { geometryContains, type GridIndex } from '../../server/src/modules/territory/grid-index.js';
import { mulberry32 } from './stats.js';

const descriptions = [
  '小区门口路灯不亮，晚上出行很不方便',
  '楼道堆放杂物，存在消防安全隐患',
  '路边下水道堵塞，雨天积水严重',
  '广场舞音响声音太大，影响休息',
  '村道有一处坑洼，电动车容易摔倒',
  '垃圾桶满了两天没人清运',
];
const demandTypes = ['help', 'complaint', 'suggestion', 'inquiry'] as const;

/** `count` JSON bodies, deterministic; `specialHits`: how many fell in special grids. */
export function caseBodies(index: GridIndex, count: number): { bodies: string[]; specialHits: number } {
  const random = mulberry32(20261122);
  const grids = index.grids;
  const bodies: string[] = [];
  let specialHits = 0;
  while (bodies.length < count) {
    const grid = grids[Math.floor(random() * grids.length)]!;
    const box = bboxOf(grid.geometry);
    let lng = 0;
    let lat = 0;
    for (let tries = 0; tries < 1000; tries++) {
      lng = box.minLng + random() * (box.maxLng - box.minLng);
      lat = box.minLat + random() * (box.maxLat - box.minLat);
      if (geometryContains(grid.geometry, lng, lat)) break;
    }
    const hit = index.locate(lng, lat);
    if (!hit) continue; // a degenerate polygon; pick another grid
    if (hit.grid.gridKind === 'special') specialHits++;
    const n = bodies.length;
    bodies.push(
      JSON.stringify({
        channel: 'resident_app',
        description: `${descriptions[n % descriptions.length]}（压测 ${n}）`,
        demandType: demandTypes[n % demandTypes.length],
        location: { lat: Math.round(lat * 1e7) / 1e7, lng: Math.round(lng * 1e7) / 1e7 },
      }),
    );
  }
  return { bodies, specialHits };
}

