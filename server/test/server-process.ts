import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testSecretKey } from './test-config.js';

export const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, wait for the exit, remove its data folder. */
  stop(): Promise<void>;
}

/**
 * The real server as `npm start` runs it (`src/main.ts` through tsx), on 127.0.0.1 and a free port,
 * with a fresh data folder; resolves once it says it is running (rejects if it exits first).
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-server-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    WANGGE_DATA_DIR: dataDir,
    WANGGE_SECRET_KEY: testSecretKey,
    WANGGE_RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
    // The demo without its generated year of history: these tests need a server up fast, not the history.
    WANGGE_DEMO_HISTORY: 'false',
    INIT_CWD: serverDir,
    ...env,
  };
  // PGlite in the data folder unless told otherwise (`npm run test:pg` exports DATABASE_URL).
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('Wangge is running')) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`the server exited at start (${child.exitCode}):\n${output}`));
        }
      }, 100);
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => output, stop };
}
