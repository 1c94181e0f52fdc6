import { sql } from 'drizzle-orm';
import type { TestApp } from './test-app.js';

/**
 * What a rejected request must not change, cheaply: the count of rows of every table, and where a
 * table has them the sum of `version` and the latest `updated_at`. Computed only when the
 * database's next transaction id moved (no write was even attempted otherwise).
 */
export interface DbWatch {
  /** Call before a request. */
  before(): Promise<void>;
  /** Call after it; answers the tables that changed when the request was rejected (4xx). */
  after(rejected: boolean): Promise<string[]>;
  /** How many full snapshots were taken. */
  snapshots(): number;
}

type Snapshot = Map<string, string>;

export async function watchDatabase(t: TestApp): Promise<DbWatch> {
  const columns = await t.rows(sql`
    select c.table_schema as schema, c.table_name as table, array_agg(c.column_name::text) as columns
    from information_schema.columns c join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
    where c.table_schema not in ('pg_catalog', 'information_schema') and tb.table_type = 'BASE TABLE'
    group by c.table_schema, c.table_name order by 1, 2`);
  const parts = columns.map((row) => {
    const cols = row['columns'] as string[];
    const name = `"${String(row['schema'])}"."${String(row['table'])}"`;
    const version = cols.includes('version') ? 'coalesce(sum(version), 0)::text' : `''`;
    const updated = cols.includes('updated_at') ? `coalesce(max(updated_at)::text, '')` : `''`;
    return `select '${name}' as t, count(*)::text || '/' || ${version} || '/' || ${updated} as v from ${name}`;
  });
  const snapshotQuery = sql.raw(parts.join('\nunion all\n'));
  let taken = 0;
  const snapshot = async (): Promise<Snapshot> => {
    taken += 1;
    const rows = await t.rows(snapshotQuery);
    return new Map(rows.map((r) => [String(r['t']), String(r['v'])]));
  };
  const nextXid = async () => String((await t.rows(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`))[0]!['x']);

  let baseline: Snapshot | undefined;
  let xid = await nextXid();
  return {
    async before() {
      const now = await nextXid();
      if (now !== xid || !baseline) {
        baseline = await snapshot();
        xid = await nextXid();
      }
    },
    async after(rejected) {
      const now = await nextXid();
      if (now === xid) return [];
      xid = now;
      if (!rejected) {
        baseline = undefined;
        return [];
      }
      const current = await snapshot();
      const changed = [...current].filter(([table, value]) => baseline?.get(table) !== value).map(([table]) => table);
      baseline = current;
      return changed;
    },
    snapshots: () => taken,
  };
}
