import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { rowsOf, toNumber } from '../../platform/db/database.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import { chainHash, contentColumns, contentOf, genesisHash } from './audit.chain.js';

/** Advisory lock held while sealing: one sealer at a time, across every process. */
const sealLockKey = 7_320_306;

export interface SealResult {
  sealed: number;
  headSeq: number | null;
  headHash: string | null;
}

type Row = Record<string, unknown>;

/**
 * Chains the rows written since the last run: in id order, each gets seq = last + 1,
 * prev_hash = the previous row's hash and its own hash (see audit.chain.ts). Each batch is one
 * short transaction under a transaction-scoped advisory lock, so two sealers (two workers, or the
 * CLI beside the server) queue instead of forking the chain; the second re-reads the head after
 * the first commits. The unique index on seq backs this up.
 */
export async function sealAuditLog(ctx: AppContext, options: { batchSize?: number } = {}): Promise<SealResult> {
  const batchSize = options.batchSize ?? 500;
  let sealed = 0;
  let head: { seq: number | null; hash: string | null } = { seq: null, hash: null };
  for (;;) {
    const batch = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${sealLockKey})`);
      const [last] = rowsOf<Row>(await tx.execute(sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`));
      const rows = rowsOf<Row>(await tx.execute(sql`select ${contentColumns} from audit_log a where a.seq is null order by a.id limit ${batchSize}`));
      let seq = last ? toNumber(last['seq']) : 0;
      let prevHash = last ? String(last['hash']) : genesisHash;
      const seals = rows.map((row) => {
        seq += 1;
        const hash = chainHash(prevHash, contentOf(row));
        const seal = { id: String(row['id']), seq, prev_hash: prevHash, hash };
        prevHash = hash;
        return seal;
      });
      if (seals.length) {
        await tx.execute(sql`
          update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
          from jsonb_to_recordset(${JSON.stringify(seals)}::jsonb) as v(id uuid, seq bigint, prev_hash text, hash text)
          where a.id = v.id and a.seq is null`);
      }
      return { count: seals.length, seq: seq || null, hash: seq ? prevHash : null };
    });
    sealed += batch.count;
    head = { seq: batch.seq, hash: batch.hash };
    if (batch.count < batchSize) break;
  }
  return { sealed, headSeq: head.seq, headHash: head.hash };
}

/** Seals the audit trail every few seconds, in whichever worker process claims it. */
export const sealAuditJob = defineJob({
  kind: 'audit.seal',
  everySeconds: 5,
  leaseSeconds: 120,
  async run(ctx) {
    await sealAuditLog(ctx);
  },
});
