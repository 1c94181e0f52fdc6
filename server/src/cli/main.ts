import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openContext, type OpenedContext } from '../bootstrap.js';
import { loadConfig, type Config } from '../config.js';
import { acquireDataDirLock, DataDirLockedError } from '../platform/data-dir-lock.js';
import { AppError } from '../platform/errors.js';
import { commands, type CliCommand } from './commands.js';

const usage = `wangge — Wangge command line

Usage: npm run wangge -- <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(24)} ${c.summary}`)
  .join('\n')}

Every command uses the same settings as the server (WANGGE_DATA_DIR, DATABASE_URL, …).
On the embedded database the server must be stopped first: the data folder is locked while it runs.`;

/** Runs one command against the configured database, holding the data-folder lock while it does. */
async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage);
    return 0;
  }
  const command: CliCommand | undefined = commands[name];
  if (!command) {
    console.error(`wangge: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  const config: Config = loadConfig();
  const release = config.databaseUrl ? () => undefined : acquireDataDirLock(config.dataDir);
  let opened: OpenedContext | undefined;
  try {
    opened = await openContext(config);
    return await command.run(opened.ctx, { values: values as Record<string, string | boolean | undefined>, positionals, out: process.stdout, readFile: (p) => fs.readFileSync(p, 'utf8') });
  } finally {
    await opened?.close();
    release();
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      console.error(`wangge: ${error.message}`);
      process.exit(3);
    }
    if (error instanceof AppError) {
      console.error(`wangge: ${error.detail?.en ?? error.code}`);
      for (const f of error.fieldErrors) console.error(`  ${f.field}: ${f.message.en}`);
      const features = error.extra['features'] as Array<{ feature: number; code: string | null; reasons: string[] }> | undefined;
      for (const f of features ?? []) console.error(`  feature ${f.feature}${f.code ? ` (${f.code})` : ''}: ${f.reasons.join('; ')}`);
      process.exit(1);
    }
    console.error(`wangge: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
