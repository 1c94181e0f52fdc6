/**
 * Checks server/reference/categories.json and units.json against the rules in
 * shared/design/DOMAIN.md: unique codes, colour ⇒ level/respond limit, red ⇒ continuous clock,
 * every defaultUnitCode names a unit. Run: npx tsx scripts/reference/check-categories.ts
 * Exits 1 and lists every problem found, so one run shows all of them.
 */
import { loadReference, type Category } from './reference-files.js';

const { categories: file, units } = loadReference();
const problems: string[] = [];
const fail = (where: string, message: string) => problems.push(`${where}: ${message}`);

const unitKinds = new Set(['department', 'office', 'partner']);
const unitCodes = new Set<string>();
for (const unit of units) {
  if (!/^JW-[A-Z]{2,5}$/.test(unit.code)) fail(`unit ${unit.code}`, 'code should look like JW-XX');
  if (unitCodes.has(unit.code)) fail(`unit ${unit.code}`, 'duplicate code');
  unitCodes.add(unit.code);
  if (!unit.name || !unit.shortName) fail(`unit ${unit.code}`, 'name and shortName are required');
  // Offices (镇街科室) are created by the seed per town, never listed here.
  if (!unitKinds.has(unit.kind) || unit.kind === 'office') fail(`unit ${unit.code}`, `kind "${unit.kind}" not allowed here`);
}

const demandCodes = file.demandTypes.map((d) => d.code).sort().join(',');
if (demandCodes !== 'complaint,help,inquiry,suggestion') fail('demandTypes', `expected the four demand types, got ${demandCodes}`);

const clocks = new Set(['working_days', 'working_hours', 'continuous']);
const verifications = new Set(['on_site', 'reporter', 'none']);
const seenGroups = new Set<string>();
const seenCategories = new Set<string>();

function checkCategory(groupCode: string, category: Category): void {
  const where = `category ${category.code} ${category.nameZh}`;
  if (!new RegExp(`^${groupCode}\\d{2}$`).test(category.code)) fail(where, `code must be 4 digits starting with its group ${groupCode}`);
  if (seenCategories.has(category.code)) fail(where, 'duplicate code');
  seenCategories.add(category.code);
  if (!category.nameZh || !category.nameEn) fail(where, 'nameZh and nameEn are required');
  if (!clocks.has(category.clock)) fail(where, `unknown clock ${category.clock}`);
  if (!verifications.has(category.verification)) fail(where, `unknown verification ${category.verification}`);
  if (!Number.isInteger(category.resolveHours) || category.resolveHours <= 0) fail(where, 'resolveHours must be a positive integer');
  if (category.defaultUnitCode !== null && !unitCodes.has(category.defaultUnitCode)) {
    fail(where, `defaultUnitCode ${category.defaultUnitCode} is not in units.json`);
  }
  switch (category.colour) {
    case 'green': // solvable in the grid: respond within 15 minutes (seeds' rule)
      if (category.level !== 'grid') fail(where, 'green categories start at level grid');
      if (category.respondMinutes !== 15) fail(where, 'green categories respond within 15 minutes');
      break;
    case 'yellow': // higher levels coordinate: respond within 24 hours
      if (category.level !== 'village' && category.level !== 'town') fail(where, 'yellow categories start at level village or town');
      if (category.respondMinutes !== 1440) fail(where, 'yellow categories respond within 1440 minutes');
      break;
    case 'red': // urgent or dangerous: the town takes it, the clock never stops
      if (category.level !== 'town') fail(where, 'red categories start at level town');
      if (category.clock !== 'continuous') fail(where, 'red categories use the continuous clock');
      if (category.respondMinutes > 15) fail(where, 'red categories respond within 15 minutes');
      if (category.resolveHours > 24) fail(where, 'red categories resolve within 24 hours');
      break;
    default:
      fail(where, `unknown colour ${String(category.colour)}`);
  }
}

for (const group of file.groups) {
  if (!/^\d{2}$/.test(group.code)) fail(`group ${group.code}`, 'code must be 2 digits');
  if (seenGroups.has(group.code)) fail(`group ${group.code}`, 'duplicate code');
  seenGroups.add(group.code);
  if (group.categories.length < 4 || group.categories.length > 8) fail(`group ${group.code}`, `has ${group.categories.length} categories, expected 4–8`);
  for (const category of group.categories) checkCategory(group.code, category);
}

const all = file.groups.flatMap((g) => g.categories);
const byColour = (colour: string) => all.filter((c) => c.colour === colour).length;
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s) in categories.json / units.json`);
  process.exit(1);
}
console.log(
  `categories.json OK: ${file.groups.length} groups, ${all.length} categories ` +
    `(green ${byColour('green')}, yellow ${byColour('yellow')}, red ${byColour('red')}); ` +
    `units.json OK: ${units.length} units, every defaultUnitCode resolves`,
);
