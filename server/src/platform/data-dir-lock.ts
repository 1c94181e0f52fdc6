import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite does not lock its data folder, and two processes writing it corrupt it.
 * The server holds `wangge.pid` (its pid, start time and boot id); CLI commands refuse while the
 * process that wrote it is still running.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly pid: number,
    readonly dataDir: string,
  ) {
    super(
      `The data folder ${dataDir} is in use by a running Wangge server (pid ${pid}). ` +
        `Stop it first (or point this command at another WANGGE_DATA_DIR).`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockFile(dataDir: string): string {
  return path.join(dataDir, 'wangge.pid');
}

/**
 * Who wrote the lock: the pid, and on Linux the process's start time (clock ticks after boot, field 22
 * of /proc/<pid>/stat) and the boot id. After a reboot or a container restart the pid may name an
 * unrelated live process; its start time (or the boot id) then differs, and the lock is stale.
 */
interface LockRecord {
  pid: number;
  startTicks?: string;
  bootId?: string;
}

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The process's start time in clock ticks after boot (Linux), or undefined where /proc is absent. */
export function processStartTicks(pid: number): string | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces or ")": count after the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19]; // field 22 overall; fields[0] is field 3
}

function bootId(): string | undefined {
  return readOr('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

/** When this machine booted (ms since the epoch, Linux), or undefined. */
function bootTimeMs(): number | undefined {
  const match = /^btime (\d+)$/m.exec(readOr('/proc/stat') ?? '');
  return match ? Number(match[1]) * 1000 : undefined;
}

/** The lock file's text naming a process: JSON with its pid, start time and the boot id. */
export function lockRecordFor(pid: number): string {
  const record: LockRecord = { pid, startTicks: processStartTicks(pid), bootId: bootId() };
  return JSON.stringify(record);
}

function parseRecord(text: string): LockRecord | null {
  if (/^\s*\d+\s*$/.test(text)) return { pid: Number.parseInt(text, 10) }; // written by an older version
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    return Number.isSafeInteger(value.pid) && value.pid! > 0 ? { pid: value.pid!, startTicks: value.startTicks, bootId: value.bootId } : null;
  } catch {
    return null;
  }
}

/** Is the process that wrote this record still running? */
function writerIsRunning(record: LockRecord, file: string): boolean {
  if (!isAlive(record.pid)) return false;
  const currentBoot = bootId();
  if (record.bootId && currentBoot && record.bootId !== currentBoot) return false;
  const startTicks = processStartTicks(record.pid);
  if (record.startTicks && startTicks) return record.startTicks === startTicks;
  if (!record.startTicks) {
    // A plain pid (older versions) written before this boot cannot name a process running now.
    const booted = bootTimeMs();
    const written = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (booted !== undefined && written !== undefined && written < booted) return false;
  }
  return true;
}

/**
 * The pid holding the folder, or null when free: a stale file (its process died, or the pid now
 * names another process after a reboot or container restart) counts as free.
 */
export function lockHolder(dataDir: string): number | null {
  const file = lockFile(dataDir);
  const text = readOr(file);
  const record = text === undefined ? null : parseRecord(text);
  if (!record || record.pid === process.pid) return null;
  return writerIsRunning(record, file) ? record.pid : null;
}

/** Takes the folder for this process; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  const ours = lockRecordFor(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, ours, { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === ours) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(dataDir);
      if (holder !== null) throw new DataDirLockedError(holder, dataDir);
      fs.rmSync(file, { force: true }); // stale: the previous owner is gone (died, or the machine restarted)
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
