/**
 * Start-up time to the first answered request, on an existing PGlite data folder.
 *
 *   npm run -w bench startup
 *   npm run -w bench startup -- --runs 5
 *
 * Spawns the real server (`node --import tsx src/main.ts` in server/, as `npm start` runs it) with
 * WANGGE_DATA_DIR pointing at a temp folder, and times from spawn to the first 200 from /healthz.
 * The first start (initdb, migrations, demo seed) is timed once; then the same folder is started
 * `--runs` times. Baselines, measured the same way: `node -e` starting a bare Fastify answering
 * /healthz, and the same under `--import tsx` (the loader cost on its own).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fmt, loadAverage, machine, median, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(args.runs);

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server');

const bareFastify = `
const app = require('fastify')();
app.get('/healthz', async () => ({ status: 'ok' }));
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function healthz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 2000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

interface Started {
  ms: number;
  /** What the server says about itself ("Started in N ms", measured inside main()). */
  selfMs: number | null;
  child: ChildProcess;
}

/** Spawns the command and polls /healthz every 5 ms until it answers 200. */
async function timeToFirstAnswer(command: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort();
  let output = '';
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), { cwd: serverDir, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`${command.join(' ')} exited with ${exited} before answering:\n${output}`);
    if ((await healthz(port)) === 200) break;
    if (performance.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`no answer from ${command.join(' ')} within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - started;
  // The banner comes right after listen(); give it a moment to arrive.
  for (let i = 0; i < 50 && !/Started in/.test(output) && command.includes('src/main.ts'); i++) await new Promise((r) => setTimeout(r, 10));
  const self = /Started in (\d+) ms/.exec(output);
  return { ms, selfMs: self ? Number(self[1]) : null, child };
}

/** SIGTERM (the server shuts down cleanly and releases the folder), SIGKILL after 15 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  await warnIfBusy();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-startup-'));
  // Only PGlite here: drop anything that would point the server at PostgreSQL or another folder.
  const env: NodeJS.ProcessEnv = { ...process.env, WANGGE_DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'TEST_DATABASE_URL', 'INIT_CWD', 'WANGGE_SECRET_KEY', 'NODE_OPTIONS']) delete env[name];
  const server = [process.execPath, '--import', 'tsx', 'src/main.ts'];

  console.log(`Start-up to the first answered /healthz — ${machine()}`);
  console.log(`server: ${path.basename(process.execPath)} --import tsx src/main.ts (cwd server/), PGlite in ${dataDir}\n`);
  try {
    const first = await timeToFirstAnswer(server, env);
    await stop(first.child);
    console.log(`first start (initdb + migrations + demo seed): ${fmt(first.ms)} ms (server's own count: ${first.selfMs ?? '?'} ms)\n`);

    const results: Array<{ label: string; ms: number[]; selfMs: number[] }> = [];
    const measure = async (label: string, command: string[]) => {
      const entry = { label, ms: [] as number[], selfMs: [] as number[] };
      for (let r = 0; r < runs; r++) {
        const s = await timeToFirstAnswer(command, env);
        await stop(s.child);
        entry.ms.push(s.ms);
        if (s.selfMs !== null) entry.selfMs.push(s.selfMs);
      }
      results.push(entry);
    };
    await measure('wangge server, existing data folder', server);
    await measure('baseline: node -e bare Fastify', [process.execPath, '-e', bareFastify]);
    await measure('  same under --import tsx', [process.execPath, '--import', 'tsx', '-e', bareFastify]);

    console.log(
      table([
        ['', 'min ms', 'median ms', 'max ms', 'in main() median'],
        ...results.map((r) => [r.label, fmt(Math.min(...r.ms)), fmt(median(r.ms)), fmt(Math.max(...r.ms)), r.selfMs.length ? fmt(median(r.selfMs)) : '']),
      ]),
    );
    const [wangge, bare] = results;
    console.log(`\nwangge / bare Fastify (medians) = ${(median(wangge!.ms) / median(bare!.ms)).toFixed(1)}×, ${runs} runs each; at the end: ${loadAverage()}`);
    await warnIfBusy();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
