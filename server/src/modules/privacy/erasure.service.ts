import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { invalidField } from '../../platform/errors.js';
import { maskPhone } from '../../platform/secrets.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.record.js';
import type { StaffActor } from '../../platform/actor.js';
import { normalizePhone } from '../../platform/personal-data/normalize.js';
import { checkReason, scrubReason } from '../../platform/personal-data/reasons.js';
import { piiTables, type PiiTable } from './pii-registry.js';

export interface ErasureInput {
  phone: string;
  /** Required (≥ 4 characters); optional in the type so a missing one is a 422, not a 400. */
  reason?: string;
  dryRun?: boolean;
}

export interface ErasureReport {
  dryRun: boolean;
  /** The phone as masked (the clear number is never echoed, stored or logged). */
  phone: string;
  total: number;
  tables: Array<{ table: string; rows: number; references: string[] }>;
  erasedAt: string | null;
}

/**
 * Erases a person's personal data on request (PIPL art. 47): every registered row whose phone
 * hash matches — under any key of the ring — loses its encrypted values and hashes and gets
 * `erased_at`; the rows stay, so cases, events and audit rows that point at them still resolve.
 * Recorded as `pii.erase` with the counts (never the phone). A dry run only reports.
 */
export async function erasePerson(ctx: AppContext, actor: StaffActor | AuditActor, input: ErasureInput, ip?: string): Promise<ErasureReport> {
  const phone = normalizePhone(input.phone);
  if (!/^\d{7,15}$/.test(phone)) throw invalidField('phone', { zh: '请填写正确的电话号码', en: 'give a valid phone number' });
  const reason = checkReason(input.reason);
  const hashes = ctx.secrets.lookupHashes(phone);
  const erasable = piiTables.filter((t) => t.erasedAt && t.hashes.some((h) => h.kind === 'phone'));
  const dryRun = input.dryRun ?? false;
  const now = ctx.clock.now();

  const run = async (db: AppContext['db']) => {
    const tables: ErasureReport['tables'] = [];
    for (const t of erasable) {
      const ids = await matchingIds(db, t, hashes, !dryRun);
      if (ids.length === 0) continue;
      if (!dryRun) {
        const emptied = [...t.encrypted, ...t.hashes.map((h) => h.column)];
        await db.execute(
          sql`update ${t.table} set ${sql.join(
            [...emptied.map((c) => sql`${sql.identifier(c.name)} = null`), sql`${sql.identifier(t.erasedAt!.name)} = ${now.toISOString()}::timestamptz`],
            sql`, `,
          )} where ${inArray(t.id, ids)}`,
        );
        await t.afterErase?.(db, ids, now);
      }
      tables.push({ table: t.name, rows: ids.length, references: t.references ? await t.references(db, ids) : [] });
    }
    const total = tables.reduce((n, t) => n + t.rows, 0);
    if (!dryRun && total > 0) {
      await recordAudit(
        db,
        actor,
        {
          action: 'pii.erase',
          entityType: 'person',
          data: { counts: Object.fromEntries(tables.map((t) => [t.table, t.rows])), reason: scrubReason(reason) },
          ip,
        },
        now,
      );
    }
    return { dryRun, phone: maskPhone(phone), total, tables, erasedAt: !dryRun && total > 0 ? now.toISOString() : null };
  };
  return dryRun ? run(ctx.db) : ctx.db.transaction(run);
}

/** Ids of the table's not-yet-erased rows whose phone hash is one of `hashes` (locked when erasing). */
async function matchingIds(db: AppContext['db'], t: PiiTable, hashes: string[], lock: boolean): Promise<string[]> {
  const phoneHashes = t.hashes.filter((h) => h.kind === 'phone');
  const match = sql.join(
    phoneHashes.map((h) => inArray(h.column, hashes)),
    sql` or `,
  );
  const query = db
    .select({ id: t.id })
    .from(t.table)
    .where(and(sql`(${match})`, isNull(t.erasedAt!)))
    .orderBy(t.id);
  const rows = (lock ? await query.for('update') : await query) as Array<{ id: unknown }>;
  return rows.map((r) => String(r.id));
}
