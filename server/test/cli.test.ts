import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real command line as a child process (`tsx src/cli/main.ts …`, what `npm run wangge` runs),
 * each run on a fresh embedded database in a temp folder. Every spawn costs seconds, so the file
 * runs a handful of them and chains the steps: seed once, then export, import, export again.
 */
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The tsx binary itself rather than `npx tsx`: the same program without npm's start-up and warnings.
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const jiangzhuangCode = '320305107205';

let tempDir: string;
let dataDir: string;
let sleeper: ChildProcess | undefined;

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-cli-'));
  dataDir = path.join(tempDir, 'data');
});
afterAll(() => {
  sleeper?.kill('SIGKILL');
  fs.rmSync(tempDir, { recursive: true, force: true });
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function wangge(...args: string[]): Promise<CliRun> {
  return wanggeWith({}, ...args);
}

function wanggeWith(extraEnv: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, WANGGE_DATA_DIR: dataDir, WANGGE_SECRET_KEY: 'c'.repeat(64), LOG_LEVEL: 'silent', ...extraEnv };
  // Always the embedded database in the temp folder, even when the suite runs under with-postgres.sh.
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [tsxCli, 'src/cli/main.ts', ...args], { cwd: serverDir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

type Grids = FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; villageCode: string; kind: string }>;

describe('wangge CLI', () => {
  let exported: string;

  it('prints usage with every command for help, without touching the data folder', async () => {
    const run = await wangge('help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run wangge -- <command> [options]');
    for (const command of ['migrate', 'seed', 'seed:history', 'grids:import', 'grids:export', 'users:create', 'territory:import-county']) {
      expect(run.stdout).toContain(command);
    }
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('seeds the demo county and exports a village’s grids as a FeatureCollection', { timeout: 180_000 }, async () => {
    const seeded = await wangge('seed', '--demo');
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/^Seeded the demo county with \d+ cases\.$/m);
    // The lock is released on exit, and the fixed key means no key file is written.
    expect(fs.existsSync(path.join(dataDir, 'wangge.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(false);

    // The year of history can be added afterwards, once.
    const history = await wangge('seed:history');
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/^Added 3000 closed cases of history/m);
    const again = await wangge('seed:history');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has the demo history/);

    const run = await wangge('grids:export', '--under', jiangzhuangCode);
    expect(run.code, run.stderr).toBe(0);
    const collection = JSON.parse(run.stdout) as Grids;
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(9);
    expect(collection.features.every((f) => f.properties.villageCode === jiangzhuangCode)).toBe(true);
    expect(collection.features.map((f) => f.properties.name)).toContain('江庄中学专属网格');
    exported = run.stdout;
  });

  it('rejects a bad grid file with every reason on stderr, exits non-zero and changes nothing', { timeout: 120_000 }, async () => {
    expect(exported, 'needs the seeded database of the previous test').toBeDefined();
    const village = JSON.parse(exported) as Grids;
    const basic = village.features.find((f) => f.properties.kind === 'basic')!;
    const [lng, lat] = turf.pointOnFeature(basic).geometry.coordinates as [number, number];
    const square = turf.bboxPolygon([lng - 0.0002, lat - 0.0002, lng + 0.0002, lat + 0.0002]).geometry;
    const file = path.join(tempDir, 'bad-grids.geojson');
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'CLI-POINT', name: '点', villageCode: jiangzhuangCode }, geometry: { type: 'Point', coordinates: [lng, lat] } },
          { type: 'Feature', properties: { code: 'CLI-NOWHERE', name: '无村', villageCode: '320305999999', kind: 'special' }, geometry: square },
          { type: 'Feature', properties: { code: 'CLI-GOOD', name: '好网格', villageCode: jiangzhuangCode, kind: 'special' }, geometry: square },
        ],
      }),
    );

    const run = await wangge('grids:import', file);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('nothing was imported');
    expect(run.stderr).toContain('feature 1 (CLI-POINT): geometry must be a Polygon or MultiPolygon');
    expect(run.stderr).toContain('feature 2 (CLI-NOWHERE): parent village 320305999999 does not exist');
    expect(run.stderr).not.toContain('CLI-GOOD');
    expect(run.stdout).not.toContain('Imported');

    const after = await wangge('grids:export', '--under', jiangzhuangCode);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toBe(exported);
  });

  it('creates an account only with a password that meets the rules', { timeout: 60_000 }, async () => {
    const args = ['users:create', '--username', 'wang.fang', '--name', '王芳', '--role', 'grid_worker', '--nodes', `${jiangzhuangCode}01`];
    const weak = await wanggeWith({ WANGGE_NEW_PASSWORD: 'wang.fang2026' }, ...args);
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toContain('must not contain the username');
    const created = await wanggeWith({ WANGGE_NEW_PASSWORD: 'Grid-Patrol-7q' }, ...args);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created grid_worker wang.fang');
  });

  it('refuses with exit code 3 while another live process holds the data folder', { timeout: 60_000 }, async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    const lockFile = path.join(dataDir, 'wangge.pid');
    fs.writeFileSync(lockFile, String(sleeper.pid));

    const run = await wangge('grids:export');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`is in use by a running Wangge server (pid ${sleeper.pid})`);
    expect(run.stdout).toBe('');
    // The other process's lock is left as it was.
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(sleeper.pid));

    sleeper.kill('SIGKILL');
    sleeper = undefined;
  });
});
