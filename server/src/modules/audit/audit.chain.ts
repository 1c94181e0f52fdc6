import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';

/**
 * The hash chain, in one place so sealing and verifying can never disagree:
 *
 *   hash(n) = sha256_hex( prev_hash(n) + canonical_json(content(n)) ),  prev_hash(1) = 64 × "0"
 *
 * `content` is the row's own fields exactly as PostgreSQL prints them (so an outside verifier with
 * psql and sha256sum gets the same bytes): id, at (UTC, microseconds, `2026-11-22T08:00:00.123456Z`),
 * actor_kind, actor_id, action, entity_type, entity_id, data (JSON), ip (inet as text, `1.2.3.4/32`).
 * Canonical JSON: object keys sorted, no spaces, nulls kept. `seq` is not hashed: the order is
 * carried by each row naming its predecessor's hash.
 */
export const genesisHash = '0'.repeat(64);

export interface AuditContent {
  id: string;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  data: unknown;
  ip: string | null;
}

/** Stable JSON: sorted keys, no whitespace; `undefined` members are left out as JSON does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/** The hashed fields of `audit_log a`, as text, for both sealing and verifying. */
export const contentColumns = sql.raw(`a.id::text as id,
  to_char(a."at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "at",
  a.actor_kind, a.actor_id::text as actor_id, a.action, a.entity_type, a.entity_id,
  a.data::text as data, a.ip::text as ip`);

/** A row selected with `contentColumns`, turned into what is hashed. */
export function contentOf(row: Record<string, unknown>): AuditContent {
  const text = (key: string) => (row[key] == null ? null : String(row[key]));
  return {
    id: String(row['id']),
    at: String(row['at']),
    actor_kind: String(row['actor_kind']),
    actor_id: text('actor_id'),
    action: String(row['action']),
    entity_type: text('entity_type'),
    entity_id: text('entity_id'),
    data: row['data'] == null ? null : JSON.parse(String(row['data'])),
    ip: text('ip'),
  };
}
