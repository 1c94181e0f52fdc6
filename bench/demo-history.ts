/**
 * The demo history's cost on the first start: the seed (PGlite, in memory) without and with the
 * generated year of closed cases (server/src/seed/demo-history.ts), each in a fresh database, in the
 * same run. The baseline is the seed without history; the figure is what `history` adds.
 */
import { PGlite } from '@electric-sql/pglite';
import { openContext } from '../server/src/bootstrap.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/platform/db/database.js';
import { seedDatabase } from '../server/src/seed/seed.js';

const config = loadConfig({ WANGGE_DATA_DIR: '/tmp/wangge-bench-unused', WANGGE_SECRET_KEY: 'b'.repeat(64), LOG_LEVEL: 'silent' });
const figures: Record<string, number> = {};
for (const history of [false, true]) {
  const pglite = await PGlite.create();
  const opened = await openContext(config, { database: await openDatabase({ kind: 'pglite', pglite }) });
  const started = performance.now();
  const report = await seedDatabase(opened.ctx, { demo: true, history });
  figures[String(history)] = performance.now() - started;
  console.log(`demo seed ${history ? 'with' : 'without'} history: ${Math.round(figures[String(history)]!)} ms (${report.cases} demo cases, ${report.historyCases} history cases)`);
  await opened.close();
}
console.log(`history adds ${Math.round(figures['true']! - figures['false']!)} ms to the first start (PGlite)`);
process.exit(0);
