import { sql } from 'drizzle-orm';
import { rowsOf, type Database, toNumber } from '../../platform/db/database.js';
import type { Bilingual } from '../../platform/i18n.js';
import { chainHash, contentColumns, contentOf, genesisHash } from './audit.chain.js';

export type AuditProblemKind = 'edited' | 'removed' | 'reordered';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The first position in the chain where it breaks. */
  seq: number;
  /** The row found there (null when the row at that position is missing). */
  id: string | null;
  detail: Bilingual;
}

export interface AuditVerdict {
  ok: boolean;
  /** Sealed rows checked (up to the problem, when there is one). */
  checked: number;
  headSeq: number | null;
  headHash: string | null;
  /** Rows written but not sealed yet: not covered by this verdict. */
  unsealed: number;
  problem: AuditProblem | null;
}

type Row = Record<string, unknown>;

/** Where a hash sits in the chain, if anywhere (a full scan: only called once a link is broken). */
async function seqOfHash(db: Database, hash: string): Promise<number | null> {
  const [row] = rowsOf<Row>(await db.execute(sql`select seq from audit_log where hash = ${hash} and seq is not null limit 1`));
  return row ? toNumber(row['seq']) : null;
}

/**
 * Walks the sealed chain by seq and recomputes every hash. Reports the first break:
 * - edited: a row's content (or its stored hash) no longer matches its hash;
 * - removed: a seq is missing, or a row names a predecessor that no longer exists;
 * - reordered: a row names as predecessor a row that sits elsewhere in the chain.
 * Removing the newest rows cannot be seen from inside the chain: compare the head hash with one
 * kept elsewhere (a daily note of `wangge audit:verify` output is enough).
 */
export async function verifyAuditChain(db: Database, options: { batchSize?: number } = {}): Promise<AuditVerdict> {
  const batchSize = options.batchSize ?? 2000;
  const [pending] = rowsOf<Row>(await db.execute(sql`select count(*)::int as n from audit_log where seq is null`));
  const unsealed = toNumber(pending?.['n'] ?? 0);
  let checked = 0;
  let expectedSeq = 1;
  let prevHash = genesisHash;
  const verdict = (problem: AuditProblem | null): AuditVerdict => ({
    ok: problem === null,
    checked,
    headSeq: checked ? expectedSeq - 1 : null,
    headHash: checked ? prevHash : null,
    unsealed,
    problem,
  });

  for (;;) {
    const rows = rowsOf<Row>(
      await db.execute(sql`
        select a.seq, a.prev_hash, a.hash, ${contentColumns} from audit_log a
        where a.seq is not null and a.seq >= ${expectedSeq} order by a.seq limit ${batchSize}`),
    );
    for (const row of rows) {
      const seq = toNumber(row['seq']);
      const id = String(row['id']);
      const rowPrev = String(row['prev_hash'] ?? '');
      if (seq !== expectedSeq) {
        const at = await seqOfHash(db, rowPrev);
        if (at !== null && at !== expectedSeq - 1) return verdict(reordered(seq, id, at));
        return verdict({
          kind: 'removed',
          seq: expectedSeq,
          id: null,
          detail: {
            zh: `第 ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''} 条记录缺失(下一条为第 ${seq} 条)`,
            en: `row${seq - 1 > expectedSeq ? 's' : ''} ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''} missing (the next row is ${seq})`,
          },
        });
      }
      if (chainHash(rowPrev, contentOf(row)) !== row['hash']) {
        return verdict({
          kind: 'edited',
          seq,
          id,
          detail: { zh: `第 ${seq} 条记录的内容与其哈希不符：封存后被修改过`, en: `row ${seq} does not match its hash: it was changed after sealing` },
        });
      }
      if (rowPrev !== prevHash) {
        const at = await seqOfHash(db, rowPrev);
        if (at !== null) return verdict(reordered(seq, id, at));
        return verdict({
          kind: 'removed',
          seq,
          id,
          detail: {
            zh: `第 ${seq} 条记录的前一条已不存在：其间的记录被删除后重新编号，或第 ${seq - 1} 条被修改并重算了哈希`,
            en: `the row before ${seq} is not the one it was chained to: a row was removed and the rest renumbered, or row ${seq - 1} was changed and re-hashed`,
          },
        });
      }
      checked += 1;
      expectedSeq = seq + 1;
      prevHash = String(row['hash']);
    }
    if (rows.length < batchSize) break;
  }
  return verdict(null);
}

function reordered(seq: number, id: string, chainedAfter: number): AuditProblem {
  return {
    kind: 'reordered',
    seq,
    id,
    detail: {
      zh: `第 ${seq} 条记录原本排在第 ${chainedAfter} 条之后：记录顺序被调换`,
      en: `row ${seq} was chained after row ${chainedAfter}: rows were reordered`,
    },
  };
}
