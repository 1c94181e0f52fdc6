/**
 * Builds server/reference/holidays.json — the statutory holiday calendar (法定节假日 and 调休 make-up
 * working days) from 2024 on — out of the maintained npm package `chinese-days` (MIT).
 *
 * Like the territory sources, the package is not a project dependency: it is installed on demand into
 * the git-ignored `.tmp/reference-packages` prefix (the command is printed when it is missing). The
 * server reads only the small committed JSON. Run when the State Council publishes next year's
 * arrangement (usually November) and the package has a release with it:
 *
 *   npm install --prefix .tmp/reference-packages chinese-days@1.5
 *   npx tsx scripts/reference/generate-holidays.ts
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGES_PREFIX, REPO_ROOT } from './packages.js';

const PACKAGE = 'chinese-days';
const FIRST_YEAR = 2024;
const OUTPUT = join(REPO_ROOT, 'server', 'reference', 'holidays.json');

/** The package stores each day as "English name,中文名,length of the holiday in days". */
type DayMap = Record<string, string>;
interface ChineseDaysJson {
  holidays: DayMap;
  workdays: DayMap;
  inLieuDays: DayMap;
}

export interface ReferenceHolidayDay {
  date: string;
  kind: 'holiday' | 'workday';
  nameZh: string;
  nameEn: string;
}

function locate(): { dir: string; version: string; license: string } {
  const dir = join(PACKAGES_PREFIX, 'node_modules', PACKAGE);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) {
    console.error(`Package ${PACKAGE} is not installed under ${PACKAGES_PREFIX}. From ${REPO_ROOT} run:\n\n  npm install --prefix .tmp/reference-packages ${PACKAGE}@1.5\n`);
    process.exit(1);
  }
  const json = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; license: string };
  return { dir, version: json.version, license: json.license };
}

function names(value: string): { nameEn: string; nameZh: string } {
  const [nameEn = '', nameZh = ''] = value.split(',');
  return { nameEn, nameZh };
}

function main(): void {
  const pkg = locate();
  const data = JSON.parse(readFileSync(join(pkg.dir, 'dist', 'chinese-days.json'), 'utf8')) as ChineseDaysJson;
  const days: ReferenceHolidayDay[] = [];
  for (const [date, value] of Object.entries(data.holidays)) {
    const { nameEn, nameZh } = names(value);
    if (Number(date.slice(0, 4)) >= FIRST_YEAR) days.push({ date, kind: 'holiday', nameZh, nameEn });
  }
  for (const [date, value] of Object.entries(data.workdays)) {
    if (Number(date.slice(0, 4)) < FIRST_YEAR) continue;
    if (data.holidays[date]) throw new Error(`${date} is both a holiday and a make-up working day in ${PACKAGE}`);
    const { nameEn, nameZh } = names(value);
    days.push({ date, kind: 'workday', nameZh: `${nameZh}调休上班`, nameEn: `${nameEn} make-up working day` });
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
  const file = {
    source: `npm ${PACKAGE} ${pkg.version} (${pkg.license}), dist/chinese-days.json`,
    generatedBy: 'scripts/reference/generate-holidays.ts',
    years,
    days,
  };
  // One day per line: small diffs when next year's arrangement is added.
  const text = `{\n${Object.entries(file)
    .filter(([key]) => key !== 'days')
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`)
    .join('\n')}\n  "days": [\n${days.map((d) => `    ${JSON.stringify(d)}`).join(',\n')}\n  ]\n}\n`;
  writeFileSync(OUTPUT, text);
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  console.log(`${OUTPUT}: ${days.length} days (${days.filter((d) => d.kind === 'workday').length} make-up working days), years ${years.join(', ')}, sha256 ${digest}`);
}

main();
