import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, lockHolder, lockRecordFor, processStartTicks } from './data-dir-lock.js';

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
const lockPid = (dataDir: string) => (JSON.parse(fs.readFileSync(lockFileOf(dataDir), 'utf8')) as { pid: number }).pid;
const onLinux = fs.existsSync('/proc/self/stat');

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
    expect(lockPid(dataDir)).toBe(process.pid);
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
    fs.writeFileSync(lockFileOf(dataDir), lockRecordFor(holder.pid!));
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
    expect(lockPid(dataDir)).toBe(holder.pid);
  });

  it('takes over a stale lock file left by a dead process', async () => {
    const dataDir = tempDataDir();
    const pid = await deadPid();
    fs.writeFileSync(lockFileOf(dataDir), String(pid));
    expect(lockHolder(dataDir)).toBeNull();
    const release = acquireDataDirLock(dataDir);
    expect(lockPid(dataDir)).toBe(process.pid);
    release();
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);
  });

  it.runIf(onLinux)('records the start time and boot id of the process that holds the folder', () => {
    const dataDir = tempDataDir();
    const release = acquireDataDirLock(dataDir);
    const record = JSON.parse(fs.readFileSync(lockFileOf(dataDir), 'utf8'));
    expect(record).toEqual({ pid: process.pid, startTicks: processStartTicks(process.pid), bootId: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() });
    expect(record.startTicks).toMatch(/^\d+$/);
    release();
  });

  // After a reboot or a container restart the old pid may belong to an unrelated live process.
  it.runIf(onLinux)('takes over a lock whose pid now names another live process (other start time)', () => {
    const dataDir = tempDataDir();
    const record = JSON.parse(lockRecordFor(holder.pid!));
    fs.writeFileSync(lockFileOf(dataDir), JSON.stringify({ ...record, startTicks: String(Number(record.startTicks) - 1) }));
    expect(lockHolder(dataDir)).toBeNull();
    const release = acquireDataDirLock(dataDir);
    expect(lockPid(dataDir)).toBe(process.pid);
    release();
  });

  it.runIf(onLinux)('takes over a lock written before the machine last booted', () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(lockFileOf(dataDir), JSON.stringify({ ...JSON.parse(lockRecordFor(holder.pid!)), bootId: '00000000-0000-4000-8000-000000000000' }));
    expect(lockHolder(dataDir)).toBeNull();
    // An older version's plain pid, left from before the boot, names nobody running either.
    fs.writeFileSync(lockFileOf(dataDir), String(holder.pid));
    fs.utimesSync(lockFileOf(dataDir), new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
    expect(lockHolder(dataDir)).toBeNull();
    // Written since the boot, a plain pid of a live process still holds the folder.
    fs.writeFileSync(lockFileOf(dataDir), String(holder.pid));
    expect(lockHolder(dataDir)).toBe(holder.pid);
  });

  it('takes over a lock file that holds no pid at all', () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(lockFileOf(dataDir), 'garbage');
    const release = acquireDataDirLock(dataDir);
    expect(lockPid(dataDir)).toBe(process.pid);
    release();
  });
});

describe('lockHolder', () => {
  it('is null for a folder without a lock file', () => {
    expect(lockHolder(tempDataDir())).toBeNull();
    expect(lockHolder(path.join(os.tmpdir(), 'wangge-lock-does-not-exist'))).toBeNull();
  });
});
