import type { AppContext } from '../platform/context.js';
import { hashPassword } from '../modules/people/index.js';
import { buildGridIndex } from '../modules/territory/index.js';
import { reloadCategories } from '../modules/categories/index.js';
import { seedDemoAssignments } from './demo-assignments.js';
import { seedDemoCases } from './demo-cases.js';
import { seedDemoHistory } from './demo-history.js';
import { switchOnForDemo, trainModels } from '../modules/classification/index.js';
import { seedDemoStaff } from './demo-staff.js';
import { seedDemoHouseholds } from './demo-households.js';
import { seedDemoVisits } from './demo-visits.js';
import { settleDemoNotifications } from './demo-notifications.js';
import { seedReferenceCalendar } from './reference-calendar.js';
import { hasReferenceTerritory, readReferenceTerritory } from './reference-files.js';
import { isDatabaseSeeded, seedReferenceTerritory, seedTaxonomyAndUnits } from './reference-seed.js';

export interface SeedReport {
  seeded: boolean;
  demo: boolean;
  cases: number;
  /** Closed cases of the generated year of history (0 without `history`). */
  historyCases: number;
  /** The suggestion models trained on that history and switched on (docs/classification.md "The demo"). */
  models: string[];
  territoryNote: string | null;
}

/**
 * First-start seeding, all in one transaction: the taxonomy and units always; in demo mode
 * also the demo county's territory, staff and cases, and with `history` a generated year of
 * closed cases before them (demo-history.ts). Does nothing on a seeded database.
 */
export async function seedDatabase(ctx: AppContext, options: { demo: boolean; history?: boolean }): Promise<SeedReport> {
  if (await isDatabaseSeeded(ctx.db)) return { seeded: false, demo: options.demo, cases: 0, historyCases: 0, models: [], territoryNote: null };
  const withTerritory = options.demo && hasReferenceTerritory(ctx.config.countyCode);
  // Slow work (argon2) before the transaction opens.
  const passwordHash = options.demo ? await hashPassword(ctx.config.demoPassword) : '';
  const realNow = ctx.clock.now();
  let cases = 0;
  let historyCases = 0;
  await ctx.db.transaction(async (tx) => {
    const txCtx: AppContext = { ...ctx, db: tx };
    await seedTaxonomyAndUnits(tx);
    await seedReferenceCalendar(tx);
    await reloadCategories(tx, ctx.categories);
    if (!withTerritory) return;
    await seedReferenceTerritory(tx, ctx.config.countyCode);
    ctx.grids.replace(await buildGridIndex(tx));
    const staff = await seedDemoStaff(tx, ctx.config.countyCode, passwordHash);
    await seedDemoAssignments(txCtx, staff, realNow);
    // Before the demo's own cases: the history takes each day's first serials.
    if (options.history) historyCases = (await seedDemoHistory(txCtx, staff, realNow)).cases;
    cases = await seedDemoCases(txCtx, staff, realNow);
    await seedDemoHouseholds(txCtx, realNow);
    await seedDemoVisits(txCtx, realNow);
    await settleDemoNotifications(txCtx);
  });
  // The year of history trains the first suggestion models, switched on at once in the demo.
  const models: string[] = [];
  if (historyCases > 0) {
    const outcomes = await trainModels(ctx, null);
    await switchOnForDemo(ctx, outcomes.flatMap((o) => (o.trained ? [o.modelId] : [])));
    for (const o of outcomes) if (o.trained) models.push(`${o.kind} v${o.version} (accuracy ${o.accuracy === null ? '—' : (o.accuracy * 100).toFixed(1) + ' %'})`);
  }
  return {
    seeded: true,
    demo: options.demo,
    cases,
    historyCases,
    models,
    territoryNote: withTerritory ? readReferenceTerritory(ctx.config.countyCode).note : null,
  };
}
