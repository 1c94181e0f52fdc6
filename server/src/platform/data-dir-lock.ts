import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite does not lock its data folder, and two processes writing it corrupt it.
 * The server holds `wangge.pid`; CLI commands refuse while a live process holds it.
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

/** The pid holding the folder, or null when free (a stale file from a killed process counts as free). */
export function lockHolder(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockFile(dataDir), 'utf8'), 10);
    return Number.isFinite(pid) && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the folder for this process; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(dataDir);
      if (holder !== null) throw new DataDirLockedError(holder, dataDir);
      fs.rmSync(file, { force: true }); // stale: the previous owner died without cleaning up
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
