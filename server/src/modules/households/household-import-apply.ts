import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { withDb } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { writeHouseholdBatch, type HouseholdInput } from './household-batch.js';
import { alreadyApplied, findImport, importView, streamImport } from './household-imports.service.js';
import { householdImports } from './households.tables.js';
import { emit } from '../../platform/events.js';
import './households.events.js'; // the events this file emits are declared there
import type { ImportMapping } from './import-mapping.js';
import type { ParsedHousehold } from './import-rows.js';

/** Households per multi-row INSERT. */
export const applyBatchSize = 500;

export function toHouseholdInput(h: ParsedHousehold): HouseholdInput {
  return {
    gridId: h.grid.id,
    territoryPath: h.grid.path,
    address: h.address,
    building: h.building,
    unit: h.unit,
    room: h.room,
    lat: h.lat,
    lng: h.lng,
    tags: [...h.tags],
    dedupeKey: h.dedupeKey,
    members: h.members.map(({ name, phone, idNumber, birthYear, relation, tags }) => ({ name, phone, idNumber, birthYear, relation, tags })),
  };
}

/**
 * Step 3: one transaction. The file is streamed again and checked again (grids or scope may have
 * changed since step 2) while households are written in batches; any bad row rolls everything
 * back. Only a batch of households is held in memory at a time.
 */
export async function applyImport(ctx: AppContext, actorInput: Actor, id: string, ip?: string) {
  const actor = requirePermission(actorInput, 'household:import');
  const outcome = await ctx.db.transaction(async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await findImport(txCtx, actor, id, true);
    if (row.status === 'applied') throw alreadyApplied();
    if (row.status !== 'valid' || !row.mapping) {
      throw new AppError('CONFLICT', { detail: { zh: '请先校验文件并改正所有错误行，再导入', en: 'Validate the file and fix every bad row before importing' } });
    }
    const at = ctx.clock.now();
    const totals = { created: 0, updated: 0, members: 0 };
    let batch: HouseholdInput[] = [];
    const touchedGrids = new Set<string>();
    const flush = async () => {
      const written = await writeHouseholdBatch(tx, ctx.secrets, batch, { at, createdById: actor.id, importId: row.id });
      totals.created += written.created;
      totals.updated += written.updated;
      totals.members += written.members;
      batch = [];
    };
    const result = await streamImport(txCtx, actor, row, row.mapping as ImportMapping, async (h) => {
      batch.push(toHouseholdInput(h));
      touchedGrids.add(h.grid.path);
      if (batch.length >= applyBatchSize) await flush();
    });
    // Throwing rolls back every batch already written: all or nothing.
    if (result.badRows > 0) throw new RejectedImport(result.badRows);
    await flush();
    await emit(txCtx, 'households.changed', { territoryPaths: [...touchedGrids], at });
    await tx
      .update(householdImports)
      .set({ status: 'applied', appliedAt: at, totalRows: result.totalRows, badRows: 0, householdsCreated: totals.created, householdsUpdated: totals.updated, membersWritten: totals.members })
      .where(eq(householdImports.id, row.id));
    await recordAudit(
      tx,
      actor,
      { action: 'household.import', entityType: 'household_import', entityId: row.id, data: { format: row.format, rows: result.totalRows, households: result.households, created: totals.created, updated: totals.updated, members: totals.members }, ip },
      at,
    );
  }).catch(async (error: unknown) => {
    if (!(error instanceof RejectedImport)) throw error;
    await ctx.db.update(householdImports).set({ status: 'invalid' }).where(eq(householdImports.id, id));
    throw new AppError('UNPROCESSABLE', {
      detail: { zh: `文件有 ${error.badRows} 行错误(数据在校验后发生了变化)，未导入任何数据；请重新校验查看报告`, en: `The file now has ${error.badRows} bad rows (something changed since validation); nothing was imported. Validate again to see the report` },
    });
  });
  void outcome;
  return importView(await findImport(ctx, actor, id));
}

class RejectedImport extends Error {
  constructor(readonly badRows: number) {
    super('rejected import');
  }
}
