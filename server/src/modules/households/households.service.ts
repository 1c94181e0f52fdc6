import { and, eq, sql } from 'drizzle-orm';
import { withDb, type AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, invalidField, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { actorCoversPath, requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { normalizeIdNumber, normalizePhone } from '../../platform/personal-data/normalize.js';
import type { IndexedGrid } from '../territory/index.js';
import { householdMembers, households, type HouseholdRow } from './households.tables.js';
import type { CreateHouseholdInput, MemberInput, UpdateHouseholdInput } from './households.schema.js';
import { findHouseholdInScope, householdDetail } from './households.queries.js';
import { checkIdNumber } from './id-number.js';
import { dedupeKeyOf, parsePhone } from './households.vocabulary.js';
import { emit } from '../../platform/events.js';
import './households.events.js'; // the events this file emits are declared there

/** A basic grid under the actor's nodes; the same words as the import's report. */
function basicGridInScope(ctx: AppContext, actor: StaffActor, code: string): IndexedGrid {
  const grid = ctx.grids.current.grids.find((g) => g.code === code);
  if (!grid || !actorCoversPath(actor, grid.path)) throw invalidField('gridCode', { zh: `您的管辖范围内没有网格 ${code}`, en: `there is no grid ${code} in your territory` });
  if (grid.gridKind !== 'basic') throw invalidField('gridCode', { zh: `${code} 是专属网格，户须归入基础网格`, en: `${code} is a special grid; households belong to a basic grid` });
  return grid;
}

function checkPoint(ctx: AppContext, grid: IndexedGrid, lat: number, lng: number) {
  const hit = ctx.grids.current.locate(lng, lat);
  if (hit?.grid.id === grid.id || hit?.basicGrid?.id === grid.id) return;
  const where = hit ? { zh: `，该点位于「${(hit.basicGrid ?? hit.grid).name}」`, en: `; it lies in ${(hit.basicGrid ?? hit.grid).name}` } : { zh: '', en: '' };
  throw invalidField('lat', { zh: `位置不在该户所属网格「${grid.name}」内${where.zh}`, en: `the point is outside the household's grid ${grid.name}${where.en}` });
}

type SealedMember = typeof householdMembers.$inferInsert;

/**
 * Members as sent by the drawer: an existing member keeps every sealed value it was not sent
 * (the console only ever saw them masked); a new one needs a name. Returns the rows to write.
 */
function sealMembers(ctx: AppContext, householdId: string, input: MemberInput[], existing: Map<string, typeof householdMembers.$inferSelect>, at: Date): SealedMember[] {
  const errors: FieldError[] = [];
  const rows: SealedMember[] = [];
  if (input.filter((m) => m.relation === 'head').length > 1) errors.push({ field: 'members', message: { zh: '一户只能有一位户主', en: 'a household has one head' } });
  input.forEach((m, i) => {
    const old = m.id ? existing.get(m.id) : undefined;
    if (m.id && !old) errors.push({ field: `members.${i}.id`, message: { zh: '该成员不属于此户', en: 'no such member in this household' } });
    if (!old && !m.name) errors.push({ field: `members.${i}.name`, message: { zh: '请填写姓名', en: 'give a name' } });
    const row: SealedMember = { id: old?.id ?? newId(), householdId, position: i, relation: m.relation, tags: m.tags, createdAt: old?.createdAt ?? at, updatedAt: at, nameEncrypted: old?.nameEncrypted ?? null, phoneEncrypted: old?.phoneEncrypted ?? null, phoneHash: old?.phoneHash ?? null, idNumberEncrypted: old?.idNumberEncrypted ?? null, idNumberHash: old?.idNumberHash ?? null, birthYear: old?.birthYear ?? null, erasedAt: old?.erasedAt ?? null };
    if (m.name) row.nameEncrypted = ctx.secrets.encrypt(m.name);
    if (m.phone === null || m.phone === '') Object.assign(row, { phoneEncrypted: null, phoneHash: null });
    else if (m.phone !== undefined) {
      const phone = parsePhone(m.phone);
      if (!phone) errors.push({ field: `members.${i}.phone`, message: { zh: '电话号码格式不对', en: 'not a valid phone number' } });
      else Object.assign(row, { phoneEncrypted: ctx.secrets.encrypt(phone), phoneHash: ctx.secrets.lookupHash(normalizePhone(phone)) });
    }
    if (m.idNumber === null || m.idNumber === '') Object.assign(row, { idNumberEncrypted: null, idNumberHash: null, birthYear: null });
    else if (m.idNumber !== undefined) {
      const checked = checkIdNumber(m.idNumber, at);
      if (!checked.ok) errors.push({ field: `members.${i}.idNumber`, message: { zh: '身份证号无效(GB 11643 校验不通过)', en: 'not a valid ID number (GB 11643)' } });
      else Object.assign(row, { idNumberEncrypted: ctx.secrets.encrypt(checked.idNumber), idNumberHash: ctx.secrets.lookupHash(normalizeIdNumber(checked.idNumber)), birthYear: checked.birthYear });
    }
    if (m.name || m.phone || m.idNumber) row.erasedAt = null;
    rows.push(row);
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', { fieldErrors: errors });
  return rows;
}

async function replaceMembers(db: Database, householdId: string, rows: SealedMember[]) {
  await db.delete(householdMembers).where(eq(householdMembers.householdId, householdId));
  if (rows.length) await db.insert(householdMembers).values(rows);
}

function duplicateDwelling() {
  return new AppError('CONFLICT', { detail: { zh: '该网格内已有相同地址(楼栋、单元、房号)的户', en: 'A household at this address (building, unit, room) already exists in the grid' } });
}

async function keyTaken(db: Database, key: string, exceptId?: string) {
  const [row] = await db.select({ id: households.id }).from(households).where(and(eq(households.dedupeKey, key), exceptId ? sql`${households.id} <> ${exceptId}` : undefined)).limit(1);
  return Boolean(row);
}

export async function createHousehold(ctx: AppContext, actorInput: Actor, input: CreateHouseholdInput, ip?: string) {
  const actor = requirePermission(actorInput, 'household:edit');
  const grid = basicGridInScope(ctx, actor, input.gridCode);
  if ((input.lat === undefined) !== (input.lng === undefined)) throw invalidField('lng', { zh: '经纬度须成对填写', en: 'give both latitude and longitude' });
  if (input.lat !== undefined && input.lng !== undefined) checkPoint(ctx, grid, input.lat, input.lng);
  const dedupeKey = dedupeKeyOf({ gridCode: grid.code, address: input.address, building: input.building, unit: input.unit, room: input.room });
  const at = ctx.clock.now();
  const id = newId();
  return ctx.db.transaction(async (tx) => {
    if (await keyTaken(tx, dedupeKey)) throw duplicateDwelling();
    const members = sealMembers(ctx, id, input.members, new Map(), at);
    await tx.insert(households).values({ id, gridId: grid.id, territoryPath: grid.path, address: input.address, building: input.building || null, unit: input.unit || null, room: input.room || null, lat: input.lat ?? null, lng: input.lng ?? null, tags: input.tags, dedupeKey, memberCount: members.length, createdById: actor.id, createdAt: at, updatedAt: at });
    await replaceMembers(tx, id, members);
    await emit(withDb(ctx, tx), 'households.changed', { territoryPaths: [grid.path], at });
    await recordAudit(tx, actor, { action: 'household.create', entityType: 'household', entityId: id, data: { gridCode: grid.code, members: members.length, tags: input.tags }, ip }, at);
    return householdDetail(ctx, actor, id, tx);
  });
}

function checkVersion(row: HouseholdRow, version: number) {
  if (row.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: row.version } });
}

export async function updateHousehold(ctx: AppContext, actorInput: Actor, id: string, input: UpdateHouseholdInput, ip?: string) {
  const actor = requirePermission(actorInput, 'household:edit');
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findHouseholdInScope(tx, actor, id, true);
    checkVersion(row, input.version);
    const grid = input.gridCode ? basicGridInScope(ctx, actor, input.gridCode) : ctx.grids.current.grids.find((g) => g.id === row.gridId);
    const next = {
      address: input.address ?? row.address,
      building: input.building === undefined ? row.building : input.building || null,
      unit: input.unit === undefined ? row.unit : input.unit || null,
      room: input.room === undefined ? row.room : input.room || null,
    };
    const gridCode = grid?.code ?? '';
    const dedupeKey = dedupeKeyOf({ gridCode, ...next });
    if (dedupeKey !== row.dedupeKey && (await keyTaken(tx, dedupeKey, id))) throw duplicateDwelling();
    const changed = Object.keys(input).filter((k) => k !== 'version');
    let memberCount = row.memberCount;
    if (input.members) {
      const existing = await tx.select().from(householdMembers).where(eq(householdMembers.householdId, id));
      const members = sealMembers(ctx, id, input.members, new Map(existing.map((m) => [m.id, m])), at);
      await replaceMembers(tx, id, members);
      memberCount = members.length;
    }
    // A point placed on the map stays only while it is still inside the (maybe new) grid.
    const keepPoint = grid && row.lat !== null && row.lng !== null && (grid.id === row.gridId || ctx.grids.current.locate(row.lng, row.lat)?.grid.id === grid.id);
    await tx
      .update(households)
      .set({ ...next, gridId: grid?.id ?? row.gridId, territoryPath: grid?.path ?? row.territoryPath, tags: input.tags ?? row.tags, dedupeKey, memberCount, lat: keepPoint ? row.lat : null, lng: keepPoint ? row.lng : null, updatedAt: at, version: row.version + 1 })
      .where(eq(households.id, id));
    // Tags and the grid decide who visits it and how soon: the town's plan follows.
    await emit(withDb(ctx, tx), 'households.changed', { territoryPaths: [grid?.path ?? row.territoryPath], at });
    await recordAudit(tx, actor, { action: 'household.update', entityType: 'household', entityId: id, data: { fields: changed, members: memberCount }, ip }, at);
    return householdDetail(ctx, actor, id, tx);
  });
}

export async function placeHousehold(ctx: AppContext, actorInput: Actor, id: string, input: { version: number; lat: number; lng: number }, ip?: string) {
  const actor = requirePermission(actorInput, 'household:edit');
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findHouseholdInScope(tx, actor, id, true);
    checkVersion(row, input.version);
    const grid = ctx.grids.current.grids.find((g) => g.id === row.gridId);
    if (grid) checkPoint(ctx, grid, input.lat, input.lng);
    await tx.update(households).set({ lat: input.lat, lng: input.lng, updatedAt: at, version: row.version + 1 }).where(eq(households.id, id));
    await recordAudit(tx, actor, { action: 'household.place', entityType: 'household', entityId: id, data: { gridId: row.gridId }, ip }, at);
    return householdDetail(ctx, actor, id, tx);
  });
}

/** 已搬离: the row stays (visits and cases point at it) but leaves lists, plans and coverage. */
export async function deactivateHousehold(ctx: AppContext, actorInput: Actor, id: string, input: { version: number; reason?: string }, ip?: string) {
  const actor = requirePermission(actorInput, 'household:edit');
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findHouseholdInScope(tx, actor, id, true);
    checkVersion(row, input.version);
    if (!row.isActive) throw new AppError('CONFLICT', { detail: { zh: '该户已注销', en: 'The household is already inactive' } });
    await tx.update(households).set({ isActive: false, deactivatedAt: at, updatedAt: at, version: row.version + 1 }).where(eq(households.id, id));
    await emit(withDb(ctx, tx), 'households.changed', { territoryPaths: [row.territoryPath], at });
    await recordAudit(tx, actor, { action: 'household.deactivate', entityType: 'household', entityId: id, data: { reason: input.reason?.replace(/\d{7,}/g, '***') ?? null }, ip }, at);
    return householdDetail(ctx, actor, id, tx);
  });
}
