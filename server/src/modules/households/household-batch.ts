import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import type { Secrets } from '../../platform/secrets.js';
import { normalizeIdNumber, normalizePhone } from '../../platform/personal-data/normalize.js';
import { householdMembers, households, type HouseholdTag, type MemberRelation } from './households.tables.js';

export interface HouseholdInput {
  gridId: string;
  territoryPath: string;
  address: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  lat: number | null;
  lng: number | null;
  tags: HouseholdTag[];
  dedupeKey: string;
  members: Array<{ name: string; phone: string | null; idNumber: string | null; birthYear: number | null; relation: MemberRelation; tags: HouseholdTag[] }>;
}

/** Postgres takes at most 65,535 parameters per statement; members have 13 columns. */
const memberChunk = 2000;

/**
 * Writes households in one multi-row INSERT … ON CONFLICT (dedupe_key) DO UPDATE: a dwelling
 * already known is updated (fields, tags, back to active, version + 1) and its members replaced;
 * a new one is inserted. Members are sealed here. Returns how many were created and updated.
 */
export async function writeHouseholdBatch(
  db: Database,
  secrets: Secrets,
  batch: HouseholdInput[],
  meta: { at: Date; createdById: string | null; importId: string | null },
): Promise<{ created: number; updated: number; members: number }> {
  if (batch.length === 0) return { created: 0, updated: 0, members: 0 };
  const rows = await db
    .insert(households)
    .values(
      batch.map((h) => ({
        id: newId(),
        gridId: h.gridId,
        territoryPath: h.territoryPath,
        address: h.address,
        building: h.building,
        unit: h.unit,
        room: h.room,
        lat: h.lat,
        lng: h.lng,
        tags: h.tags,
        dedupeKey: h.dedupeKey,
        memberCount: h.members.length,
        lastImportId: meta.importId,
        createdById: meta.createdById,
        createdAt: meta.at,
        updatedAt: meta.at,
      })),
    )
    .onConflictDoUpdate({
      target: households.dedupeKey,
      set: {
        gridId: sql`excluded.grid_id`,
        territoryPath: sql`excluded.territory_path`,
        address: sql`excluded.address`,
        building: sql`excluded.building`,
        unit: sql`excluded.unit`,
        room: sql`excluded.room`,
        // A file without coordinates keeps the point someone placed on the map.
        lat: sql`coalesce(excluded.lat, ${households.lat})`,
        lng: sql`coalesce(excluded.lng, ${households.lng})`,
        tags: sql`excluded.tags`,
        memberCount: sql`excluded.member_count`,
        lastImportId: sql`excluded.last_import_id`,
        updatedAt: sql`excluded.updated_at`,
        version: sql`${households.version} + 1`,
        isActive: sql`true`,
        deactivatedAt: sql`null`,
      },
    })
    .returning({ id: households.id, dedupeKey: households.dedupeKey, inserted: sql<boolean>`(xmax = 0)` });

  const idByKey = new Map(rows.map((r) => [r.dedupeKey, r.id]));
  const updatedIds = rows.filter((r) => !r.inserted).map((r) => r.id);
  if (updatedIds.length) await db.delete(householdMembers).where(inArray(householdMembers.householdId, updatedIds));

  const members = batch.flatMap((h) =>
    h.members.map((m, position) => ({
      id: newId(),
      householdId: idByKey.get(h.dedupeKey)!,
      position,
      nameEncrypted: secrets.encrypt(m.name),
      phoneEncrypted: m.phone ? secrets.encrypt(m.phone) : null,
      phoneHash: m.phone ? secrets.lookupHash(normalizePhone(m.phone)) : null,
      idNumberEncrypted: m.idNumber ? secrets.encrypt(m.idNumber) : null,
      idNumberHash: m.idNumber ? secrets.lookupHash(normalizeIdNumber(m.idNumber)) : null,
      relation: m.relation,
      tags: m.tags,
      birthYear: m.birthYear,
      createdAt: meta.at,
      updatedAt: meta.at,
    })),
  );
  for (let i = 0; i < members.length; i += memberChunk) await db.insert(householdMembers).values(members.slice(i, i + memberChunk));
  return { created: rows.length - updatedIds.length, updated: updatedIds.length, members: members.length };
}
