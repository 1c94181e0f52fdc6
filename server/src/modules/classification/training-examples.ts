import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../platform/db/database.js';
import type { Example } from './model/classifier.js';
import { routeTokens } from './suggest.js';

/** The most recent closed cases a training run reads (older ones describe an older county). */
export const maxExamples = 50_000;

/** Text → final category, from the county's closed cases: what the staff settled on, corrections included. */
export async function categoryExamples(db: Database): Promise<Example[]> {
  const rows = rowsOf<{ description: string; category_code: string }>(
    await db.execute(sql`
      select description, category_code from cases
      where status = 'closed' and category_code is not null
      order by closed_at desc limit ${maxExamples}`),
  );
  return rows.map((r) => ({ text: r.description, label: r.category_code }));
}

/**
 * Text + place + category → where the case was last dispatched before it was closed: a unit
 * (`unit:<id>`) or down to its own grid, village or town (`node:<level>`). Dispatches to a person are skipped.
 */
export async function routeExamples(db: Database): Promise<Example[]> {
  const rows = rowsOf<{ description: string; category_code: string | null; territory_path: string; kind: string; target_id: string }>(
    await db.execute(sql`
      select c.description, c.category_code, c.territory_path, d.data->'target'->>'kind' as kind, d.data->'target'->>'id' as target_id
      from cases c
      join lateral (
        select e.data from case_events e where e.case_id = c.id and e.action = 'dispatch' order by e.created_at desc limit 1
      ) d on true
      where c.status = 'closed'
      order by c.closed_at desc limit ${maxExamples}`),
  );
  return rows.flatMap((r) => {
    const label = r.kind === 'unit' ? `unit:${r.target_id}` : ['grid', 'village', 'town'].includes(r.kind) ? `node:${r.kind}` : null;
    return label ? [{ text: r.description, label, extra: routeTokens(r.territory_path, r.category_code) }] : [];
  });
}
