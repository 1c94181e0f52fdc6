import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, lockHolder } from './data-dir-lock.js';

// Another live process to "hold" the folder: its pid is written into the lock file by hand.
let holder: ChildProcess;
beforeAll(() => {
  holder = spawn('sleep', ['30'], { stdio: 'ignore' });
});
afterAll(() => {
  holder.kill('SIGKILL');
});

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const lockFileOf = (dataDir: string) => path.join(dataDir, 'wangge.pid');

/** The pid of a process that has certainly exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true', [], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

describe('acquireDataDirLock', () => {
  it('creates the folder and writes our pid; release removes the file', () => {
    const dataDir = path.join(tempDataDir(), 'nested', 'data');
    const release = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(lockFileOf(dataDir), 'utf8')).toBe(String(process.pid));
    // Our own pid does not count as "someone else holds it".
    expect(lockHolder(dataDir)).toBeNull();
    release();
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);
    release(); // twice is harmless
  });

  it('refuses while another live process holds the folder, and leaves its file alone', () => {
    const dataDir = tempDataDir();
    const release = acquireDataDirLock(dataDir);
    // Another process takes over the folder (as a server started after us would).
    fs.writeFileSync(lockFileOf(dataDir), String(holder.pid));
    expect(lockHolder(dataDir)).toBe(holder.pid);

    let refused: unknown;
    try {
      acquireDataDirLock(dataDir);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).pid).toBe(holder.pid);
    expect((refused as DataDirLockedError).message).toContain('in use');
    expect((refused as DataDirLockedError).message).toContain(dataDir);

    // Our release must not delete a lock that is no longer ours.
    release();
    expect(fs.readFileSync(lockFileOf(dataDir), 'utf8')).toBe(String(holder.pid));
  });

  it('takes over a stale lock file left by a dead process', async () => {
    const dataDir = tempDataDir();
    const pid = await deadPid();
    fs.writeFileSync(lockFileOf(dataDir), String(pid));
    expect(lockHolder(dataDir)).toBeNull();
    const release = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(lockFileOf(dataDir), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);
  });

  it('takes over a lock file that holds no pid at all', () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(lockFileOf(dataDir), 'garbage');
    const release = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(lockFileOf(dataDir), 'utf8')).toBe(String(process.pid));
    release();
  });
});

describe('lockHolder', () => {
  it('is null for a folder without a lock file', () => {
    expect(lockHolder(tempDataDir())).toBeNull();
    expect(lockHolder(path.join(os.tmpdir(), 'wangge-lock-does-not-exist'))).toBeNull();
  });
});
