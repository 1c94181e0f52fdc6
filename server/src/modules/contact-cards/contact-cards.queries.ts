import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { codeAt, pathCodes, type PathLevel } from '../../platform/territory-path.js';
import { activeAssignments } from '../assignments/index.js';
import { households } from '../households/households.tables.js';
import { staff, staffNodes } from '../people/people.tables.js';
import { nodesByCodes } from '../territory/index.js';
import type { TerritoryNodeRow } from '../territory/territory.tables.js';
import { contactLabel, contactRank, type CardContact, type ContactCardData } from './contact-card.js';

/** The tiers a card names: the people who work in the village. Town leaders are the escalation, not the contact. */
const cardTiers = new Set(['village_member', 'town_cadre']);

interface ContactRef {
  staffId: string;
  kind: CardContact['kind'];
  tier: CardContact['tier'];
}

/**
 * The cards of some grids (same order as given): names of the grid's town and village, the cadres
 * assigned today (Asia/Shanghai) to the grid or its village, and the grid workers whose nodes include
 * the grid. A person who is both appears once, under their first role in card order.
 */
export async function loadGridCards(ctx: AppContext, grids: TerritoryNodeRow[], reportUrl: (gridCode: string) => string): Promise<ContactCardData[]> {
  if (grids.length === 0) return [];
  const ancestorCodes = [...new Set(grids.flatMap((g) => pathCodes(g.path)))];
  const ancestors = new Map((await nodesByCodes(ctx.db, ancestorCodes)).map((n) => [n.code, n]));
  const ancestorAt = (grid: TerritoryNodeRow, level: PathLevel) => ancestors.get(codeAt(grid.path, level) ?? '');
  const villageOf = (grid: TerritoryNodeRow) => ancestorAt(grid, 'village');

  const villageIds = [...new Set(grids.map((g) => villageOf(g)?.id).filter((id): id is string => Boolean(id)))];
  const assigned = await activeAssignments(ctx.db, { nodeIds: [...grids.map((g) => g.id), ...villageIds], on: shanghaiDate(ctx.clock.now()) });
  const workers = await ctx.db
    .select({ staffId: staffNodes.staffId, gridId: staffNodes.nodeId })
    .from(staffNodes)
    .innerJoin(staff, eq(staff.id, staffNodes.staffId))
    .where(and(inArray(staffNodes.nodeId, grids.map((g) => g.id)), eq(staff.role, 'grid_worker'), eq(staff.isActive, true)));

  const refsByNode = new Map<string, ContactRef[]>();
  const add = (nodeId: string, ref: ContactRef) => refsByNode.set(nodeId, [...(refsByNode.get(nodeId) ?? []), ref]);
  for (const a of assigned) if (cardTiers.has(a.tier)) add(a.nodeId, { staffId: a.staffId, kind: 'cadre', tier: a.tier });
  for (const w of workers) add(w.gridId, { staffId: w.staffId, kind: 'grid_worker', tier: null });

  const people = await staffProfiles(ctx, [...new Set([...refsByNode.values()].flat().map((r) => r.staffId))]);
  return grids.map((grid) => {
    const village = villageOf(grid);
    const town = ancestorAt(grid, 'town');
    const county = ancestorAt(grid, 'county');
    const refs = [...(refsByNode.get(grid.id) ?? []), ...(village ? (refsByNode.get(village.id) ?? []) : [])].sort(
      (a, b) => contactRank(a) - contactRank(b) || (people.get(a.staffId)?.name ?? '').localeCompare(people.get(b.staffId)?.name ?? '', 'zh'),
    );
    const seen = new Set<string>();
    const contacts: CardContact[] = [];
    for (const ref of refs) {
      const person = people.get(ref.staffId);
      if (!person || seen.has(ref.staffId)) continue;
      seen.add(ref.staffId);
      contacts.push({ kind: ref.kind, tier: ref.tier, label: contactLabel(ref.kind, ref.tier, village?.villageKind ?? null), ...person });
    }
    return {
      grid: { code: grid.code, name: grid.name },
      village: village ? { code: village.code, name: village.name, kind: village.villageKind } : null,
      town: town ? { code: town.code, name: town.name } : null,
      county: county ? { code: county.code, name: county.name } : null,
      contacts,
      reportUrl: reportUrl(grid.code),
    };
  });
}

/**
 * Name, title, duties and the work phone of staff members, the phone decrypted: the card prints
 * it (有事直联). A phone that cannot be opened (erased, or sealed under a retired key) prints as none.
 */
async function staffProfiles(ctx: AppContext, ids: string[]) {
  if (ids.length === 0) return new Map<string, Pick<CardContact, 'name' | 'title' | 'duties' | 'phone'>>();
  const rows = await ctx.db
    .select({ id: staff.id, name: staff.displayName, title: staff.title, duties: staff.duties, phoneEncrypted: staff.phoneEncrypted })
    .from(staff)
    .where(inArray(staff.id, ids));
  return new Map(
    rows.map((r) => {
      const { name, post } = splitDisplayName(r.name);
      return [r.id, { name, title: r.title?.trim() || post, duties: r.duties?.trim() || null, phone: openPhone(ctx, r.phoneEncrypted) }];
    }),
  );
}

/**
 * Console display names often carry the post in brackets ("胡辉(江庄村党总支书记)"); the card prints
 * the person's name large and the post as the title (when the profile has no title of its own).
 */
export function splitDisplayName(displayName: string): { name: string; post: string | null } {
  const match = /^(.+?)\s*[(（]([^()（）]+)[)）]\s*$/.exec(displayName.trim());
  return match ? { name: match[1]!, post: match[2]!.trim() } : { name: displayName.trim(), post: null };
}

function openPhone(ctx: AppContext, sealed: string | null): string | null {
  if (!sealed) return null;
  try {
    return ctx.secrets.decrypt(sealed);
  } catch {
    return null;
  }
}

/** An active household with its grid's path (for scope); undefined when there is none. */
export async function findHousehold(ctx: AppContext, id: string) {
  const [row] = await ctx.db
    .select({ id: households.id, gridId: households.gridId, territoryPath: households.territoryPath, address: households.address, building: households.building, unit: households.unit, room: households.room })
    .from(households)
    .where(and(eq(households.id, id), eq(households.isActive, true)))
    .limit(1);
  return row;
}

/** 江庄村东组 + 3 + 2 + 301 → 江庄村东组 3栋 2单元 301室 (a suffix already written is not doubled). */
export function householdAddress(h: { address: string; building: string | null; unit: string | null; room: string | null }): string {
  const part = (value: string | null, suffix: RegExp, add: string) => (value?.trim() ? (suffix.test(value.trim()) ? value.trim() : value.trim() + add) : null);
  return [h.address.trim(), part(h.building, /[栋幢楼号座]$/, '栋'), part(h.unit, /单元$/, '单元'), part(h.room, /[室号]$/, '室')].filter(Boolean).join(' ');
}
