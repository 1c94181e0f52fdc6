// Starts the real server for the browser tests: `npm start` from the repo root on a fresh
// WANGGE_DATA_DIR (a temp folder, deleted after the server has exited). Playwright's webServer
// runs this and stops it with SIGTERM.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-e2e-'));
console.log(`e2e server: WANGGE_DATA_DIR=${dataDir} PORT=${process.env.PORT ?? ''}`);

const child = spawn('npm', ['start'], {
  cwd: root,
  env: { ...process.env, WANGGE_DATA_DIR: dataDir },
  stdio: 'inherit',
});

const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // The whole process group usually gets the signal; passing it on covers a direct kill too.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error('e2e server: could not start npm:', error.message);
  removeDataDir();
  process.exit(1);
});

child.on('exit', (code, signal) => {
  removeDataDir();
  process.exit(code ?? (signal ? 1 : 0));
});
