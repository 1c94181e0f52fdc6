import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Bilingual } from '../../platform/i18n.js';
import { isCleanText } from '../../platform/text.js';
import { bboxOf, type Geometry } from './geometry.js';

/** How much slack real-world outlines get (ARCHITECTURE: generated/ snapped outlines need ≥150 m). */
export const gridImportTolerance = {
  /** A grid may stick out of its village outline by this much. */
  containmentMeters: 150,
  /** Two basic grids may share this much area (digitising noise), in m² … */
  overlapSquareMeters: 200,
  /** … or this fraction of the smaller grid, whichever is larger. */
  overlapFraction: 0.005,
};

export interface ImportFeature {
  index: number;
  code: string | null;
  name: string | null;
  villageCode: string | null;
  gridKind: 'basic' | 'special';
  specialType: string | null;
  /** Carried through export → import so generated demo outlines stay labelled as generated. */
  isGenerated: boolean;
  geometry: Geometry | null;
}

export interface FeatureProblem {
  index: number;
  code: string | null;
  reasons: Bilingual[];
}

/** Existing grids a file is checked against (basic grids of the same villages not replaced by the file). */
export interface ExistingGrid {
  code: string;
  villageCode: string;
  geometry: Geometry;
}

export interface VillageInfo {
  code: string;
  geometry: Geometry | null;
}

export interface ExistingGridCode {
  code: string;
  villageCode: string | null;
  level: string;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readString(props: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = props[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return null;
}

/** Reads the loosely-typed features; shape errors are collected, not thrown. */
export function readFeatures(features: unknown[]): { items: ImportFeature[]; problems: Map<number, Bilingual[]> } {
  const problems = new Map<number, Bilingual[]>();
  const add = (i: number, reason: Bilingual) => problems.set(i, [...(problems.get(i) ?? []), reason]);
  const items = features.map((raw, index): ImportFeature => {
    const feature = (raw ?? {}) as { type?: unknown; properties?: unknown; geometry?: unknown };
    if (feature.type !== 'Feature') add(index, { zh: '不是 GeoJSON Feature', en: 'not a GeoJSON Feature' });
    const props = (feature.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
    const code = readString(props, 'code', 'gridCode');
    const name = readString(props, 'name', 'gridName');
    const villageCode = readString(props, 'villageCode', 'parentCode');
    const kindRaw = readString(props, 'kind', 'gridKind') ?? 'basic';
    if (!code) add(index, { zh: '缺少网格编码 properties.code', en: 'missing properties.code' });
    else if (!/^[0-9A-Za-z_-]{1,40}$/.test(code)) add(index, { zh: `网格编码「${code}」只能包含字母、数字、-、_`, en: `code "${code}" may only hold letters, digits, - and _` });
    if (!name) add(index, { zh: '缺少网格名称 properties.name', en: 'missing properties.name' });
    else if (!isCleanText(name) || name.length > 100) add(index, { zh: '网格名称含有控制字符或无效字符，或超过 100 个字', en: 'properties.name holds a control or invalid character, or is over 100 characters' });
    if (!villageCode) add(index, { zh: '缺少所属村(社区)编码 properties.villageCode', en: 'missing properties.villageCode' });
    if (kindRaw !== 'basic' && kindRaw !== 'special') add(index, { zh: `网格类型「${kindRaw}」应为 basic 或 special`, en: `kind "${kindRaw}" must be basic or special` });
    const geometry = readGeometry(feature.geometry, (reason) => add(index, reason));
    return {
      index,
      code,
      name,
      villageCode,
      gridKind: kindRaw === 'special' ? 'special' : 'basic',
      specialType: readString(props, 'specialType'),
      isGenerated: props['isGenerated'] === true,
      geometry,
    };
  });
  return { items, problems };
}

function readRing(ring: unknown, report: (r: Bilingual) => void): boolean {
  if (!Array.isArray(ring) || ring.length < 4) {
    report({ zh: '多边形的环至少需要 4 个坐标点', en: 'a polygon ring needs at least 4 positions' });
    return false;
  }
  for (const position of ring) {
    if (!Array.isArray(position) || !isNumber(position[0]) || !isNumber(position[1])) {
      report({ zh: '坐标必须是 [经度, 纬度] 数字', en: 'positions must be [lng, lat] numbers' });
      return false;
    }
    if (Math.abs(position[0]) > 180 || Math.abs(position[1]) > 90) {
      report({ zh: `坐标 [${position[0]}, ${position[1]}] 超出经纬度范围`, en: `position [${position[0]}, ${position[1]}] is out of range` });
      return false;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    report({ zh: '多边形的环没有闭合(首尾坐标不同)', en: 'a polygon ring is not closed (first and last positions differ)' });
    return false;
  }
  return true;
}

function readGeometry(raw: unknown, report: (r: Bilingual) => void): Geometry | null {
  const g = raw as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    report({ zh: '几何类型必须是 Polygon 或 MultiPolygon', en: 'geometry must be a Polygon or MultiPolygon' });
    return null;
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polygons) || polygons.length === 0) {
    report({ zh: '几何没有坐标', en: 'geometry has no coordinates' });
    return null;
  }
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      report({ zh: '多边形没有外环', en: 'a polygon has no outer ring' });
      return null;
    }
    if (!polygon.every((ring) => readRing(ring, report))) return null;
  }
  const geometry = g as Geometry;
  const kinks = turf.kinks(geometry as Polygon | MultiPolygon);
  if (kinks.features.length > 0) {
    const [x, y] = kinks.features[0]!.geometry.coordinates as [number, number];
    report({
      zh: `多边形自相交(例如在 ${y.toFixed(5)}, ${x.toFixed(5)} 附近)`,
      en: `the polygon intersects itself (e.g. near ${y.toFixed(5)}, ${x.toFixed(5)})`,
    });
    return null;
  }
  if (turf.area(geometry) <= 1) {
    report({ zh: '多边形面积为零', en: 'the polygon has no area' });
    return null;
  }
  return geometry;
}

function asFeature(geometry: Geometry): Feature<Polygon | MultiPolygon> {
  return turf.feature(geometry as Polygon | MultiPolygon);
}

/** Area (m²) of `inner` lying outside `outer` grown by `meters`. */
export function areaOutside(inner: Geometry, outer: Geometry, meters: number): number {
  const grown = turf.buffer(asFeature(outer), meters, { units: 'meters' });
  if (!grown) return turf.area(inner);
  const outside = turf.difference(turf.featureCollection([asFeature(inner), grown as Feature<Polygon | MultiPolygon>]));
  return outside ? turf.area(outside) : 0;
}

export function overlapArea(a: Geometry, b: Geometry): number {
  const shared = turf.intersect(turf.featureCollection([asFeature(a), asFeature(b)]));
  return shared ? turf.area(shared) : 0;
}

/**
 * Checks a whole file and returns every problem of every feature. Pure: the caller gathers
 * villages, existing grids and codes from the database first.
 */
export function validateGridFile(
  items: ImportFeature[],
  shapeProblems: Map<number, Bilingual[]>,
  villages: Map<string, VillageInfo>,
  existingCodes: Map<string, ExistingGridCode>,
  existingBasicGrids: ExistingGrid[],
): FeatureProblem[] {
  const problems = new Map<number, Bilingual[]>(shapeProblems);
  const add = (i: number, reason: Bilingual) => problems.set(i, [...(problems.get(i) ?? []), reason]);
  const seen = new Map<string, number>();

  for (const item of items) {
    if (item.code) {
      const earlier = seen.get(item.code);
      if (earlier !== undefined) add(item.index, { zh: `网格编码 ${item.code} 与第 ${earlier + 1} 个要素重复`, en: `code ${item.code} repeats feature #${earlier + 1}` });
      else seen.set(item.code, item.index);
      const existing = existingCodes.get(item.code);
      if (existing && existing.level !== 'grid') {
        add(item.index, { zh: `编码 ${item.code} 已被${existing.level}级区划使用`, en: `code ${item.code} is already used by a ${existing.level} node` });
      } else if (existing && item.villageCode && existing.villageCode !== item.villageCode) {
        add(item.index, {
          zh: `网格 ${item.code} 已属于村(社区) ${existing.villageCode}，不能改到 ${item.villageCode}`,
          en: `grid ${item.code} belongs to village ${existing.villageCode}; moving it to ${item.villageCode} is not supported`,
        });
      }
    }
    if (item.villageCode && !villages.has(item.villageCode)) {
      add(item.index, { zh: `所属村(社区) ${item.villageCode} 不存在`, en: `parent village ${item.villageCode} does not exist` });
    }
  }

  // Containment in the parent village, with tolerance.
  for (const item of items) {
    const village = item.villageCode ? villages.get(item.villageCode) : undefined;
    if (!item.geometry || !village?.geometry) continue;
    const outside = areaOutside(item.geometry, village.geometry, gridImportTolerance.containmentMeters);
    if (outside > gridImportTolerance.overlapSquareMeters) {
      add(item.index, {
        zh: `有 ${Math.round(outside)} 平方米超出所属村(社区) ${item.villageCode} 的边界(容差 ${gridImportTolerance.containmentMeters} 米)`,
        en: `${Math.round(outside)} m² lie outside village ${item.villageCode} (tolerance ${gridImportTolerance.containmentMeters} m)`,
      });
    }
  }

  // Overlap between basic grids: the file's own, and the file against grids already stored.
  const basics = items.filter((i) => i.gridKind === 'basic' && i.geometry && i.code);
  const fileCodes = new Set(items.map((i) => i.code));
  const others: Array<{ code: string; geometry: Geometry; index: number | null }> = [
    ...basics.map((b) => ({ code: b.code!, geometry: b.geometry!, index: b.index })),
    ...existingBasicGrids.filter((g) => !fileCodes.has(g.code)).map((g) => ({ code: g.code, geometry: g.geometry, index: null })),
  ];
  if (others.length > 1) {
    const tree = new Flatbush(others.length);
    for (const o of others) {
      const b = bboxOf(o.geometry);
      tree.add(b.minLng, b.minLat, b.maxLng, b.maxLat);
    }
    tree.finish();
    others.forEach((a, ai) => {
      if (a.index === null) return;
      const b = bboxOf(a.geometry);
      for (const bi of tree.search(b.minLng, b.minLat, b.maxLng, b.maxLat)) {
        const other = others[bi]!;
        // Each file pair once; file-vs-stored always.
        if (bi === ai || (other.index !== null && bi < ai)) continue;
        const shared = overlapArea(a.geometry, other.geometry);
        const smaller = Math.min(turf.area(a.geometry), turf.area(other.geometry));
        const limit = Math.max(gridImportTolerance.overlapSquareMeters, smaller * gridImportTolerance.overlapFraction);
        if (shared <= limit) continue;
        const m2 = Math.round(shared);
        add(a.index, { zh: `与网格 ${other.code} 重叠 ${m2} 平方米`, en: `overlaps grid ${other.code} by ${m2} m²` });
        if (other.index !== null) add(other.index, { zh: `与网格 ${a.code} 重叠 ${m2} 平方米`, en: `overlaps grid ${a.code} by ${m2} m²` });
      }
    });
  }

  return [...problems.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, reasons]) => ({ index, code: items[index]?.code ?? null, reasons }));
}
