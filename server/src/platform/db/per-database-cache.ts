import type { Database } from './database.js';

/** How long a process trusts its copy before reading again (other processes may have edited). */
export const cacheTtlMs = 60_000;

interface Entry<T> {
  value?: T;
  loadedAt: number;
  pending?: Promise<T>;
  /** The handle the pending read runs on (see get). */
  pendingOn?: Database;
  generation: number;
}

/**
 * A small in-process cache of data that changes a few times a year (holidays, deadline policies),
 * one copy per database: tests run several apps, each on its own database, in one process.
 * A transaction shares its database's Drizzle dialect object, so `tx` and `db` find the same copy.
 * The copy is dropped after every edit in this process and re-read at most every 60 s otherwise.
 */
export class PerDatabaseCache<T> {
  private readonly entries = new WeakMap<object, Entry<T>>();

  constructor(
    private readonly load: (db: Database) => Promise<T>,
    private readonly ttlMs = cacheTtlMs,
  ) {}

  async get(db: Database): Promise<T> {
    const key = keyOf(db);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { loadedAt: 0, generation: 0 };
      this.entries.set(key, entry);
    }
    if (entry.value !== undefined && Date.now() - entry.loadedAt < this.ttlMs) return entry.value;
    // Share a read only with callers on the same handle: on PGlite (one connection) a caller inside a
    // transaction waiting for a read queued outside it would wait for itself.
    if (entry.pending && entry.pendingOn === db) return entry.pending;
    const started = entry.generation;
    const target = entry;
    const pending = this.load(db).then(
      (value) => {
        // An edit made while this read ran must not be hidden by the older answer.
        if (target.generation === started) {
          target.value = value;
          target.loadedAt = Date.now();
        }
        if (target.pending === pending) target.pending = undefined;
        return value;
      },
      (error: unknown) => {
        if (target.pending === pending) target.pending = undefined;
        throw error;
      },
    );
    target.pending = pending;
    target.pendingOn = db;
    return pending;
  }

  /** After an edit (committed or rolled back): the next `get` reads the table again. */
  invalidate(db: Database): void {
    const entry = this.entries.get(keyOf(db));
    if (!entry) return;
    entry.generation++;
    entry.value = undefined;
    entry.pending = undefined;
  }
}

function keyOf(db: Database): object {
  return (db as unknown as { dialect?: object }).dialect ?? db;
}
