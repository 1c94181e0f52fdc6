import { buildApp, jobDefinitions } from './app.js';
import { openContext } from './bootstrap.js';
import { listeningBaseUrl, loadConfig } from './config.js';
import { acquireDataDirLock, DataDirLockedError } from './platform/data-dir-lock.js';
import { startJobWorker, type JobWorker } from './platform/jobs/worker.js';
import { seedDatabase } from './seed/seed.js';
import { documentedLogins, documentedResidentPhone } from './seed/demo-staff.js';

/** `npm start`: lock the data folder, migrate, seed on first start, serve, and shut down cleanly. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const releaseLock = acquireDataDirLock(config.dataDir);
  const opened = await openContext(config);
  const seed = await seedDatabase(opened.ctx, { demo: config.isDemo, history: config.demoHistory });
  const app = await buildApp(opened.ctx, { logger: { level: config.logLevel } });

  let worker: JobWorker | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Stop taking jobs and let running ones finish before the database goes away.
    await worker?.stop();
    await app.close();
    await opened.close();
    releaseLock();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (config.isWorker) {
    worker = await startJobWorker(opened.ctx, jobDefinitions, { concurrency: config.workerConcurrency, logger: app.log.child({ component: 'jobs' }) });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = listeningBaseUrl(config.host, port);
  // Demo mode without WANGGE_PUBLIC_URL: links in texts and QR codes point at where we really listen.
  config.publicBaseUrl ??= base;
  const lines = [
    '',
    '  网格 Wangge is running',
    `  Console:   ${base}/`,
    `  API docs:  ${base}/api/docs`,
    `  Health:    ${base}/healthz`,
    `  Links:     ${config.publicBaseUrl} (${process.env.WANGGE_PUBLIC_URL ? 'WANGGE_PUBLIC_URL' : 'demo: where this server listens'})`,
    `  Database:  ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}/pglite`}`,
    `  Jobs:      ${config.isWorker ? `worker on (${config.workerConcurrency} at a time)` : 'worker off (WANGGE_WORKER=0)'}`,
    `  Started in ${Math.round(performance.now() - startedAt)} ms${seed.seeded ? ` (first start: seeded${seed.demo ? ` the demo county with ${seed.cases} cases${seed.historyCases ? ` and a year of ${seed.historyCases} closed ones` : ''}` : ''})` : ''}`,
    ...(seed.models.length ? [`  Suggest:   trained and switched on ${seed.models.join(', ')}`] : []),
  ];
  if (config.isDemo) {
    lines.push(`  Demo logins (password: ${config.demoPassword === 'wangge-demo' ? 'wangge-demo' : 'WANGGE_DEMO_PASSWORD'}):`);
    lines.push(`    ${documentedLogins.join(', ')}`);
    lines.push(`  Demo resident: ${documentedResidentPhone} at ${base}/r/login (${config.smsGateway === 'log' ? 'the code is printed in this log' : 'the code is texted'})`);
  } else if (config.smsGateway === 'log') {
    lines.push("  Warning: WANGGE_SMS_GATEWAY=log — residents' sign-in codes go to this log, not to their phones");
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(`wangge: ${error.message}`);
    process.exit(2);
  }
  console.error('wangge: failed to start:', error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack && process.env.LOG_LEVEL === 'debug') console.error(error.stack);
  process.exit(1);
});
