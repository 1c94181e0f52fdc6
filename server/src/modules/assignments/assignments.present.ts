import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import type { Lang } from '../../platform/i18n.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import type { StaffActor } from '../../platform/actor.js';
import { staff, units } from '../people/people.tables.js';
import { roleLabels } from '../../platform/roles.js';
import { townCodeOf, villageCodeOf } from '../../platform/territory-path.js';
import { presentProfile } from '../people/index.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { tierLabels } from './assignments.schema.js';
import type { AssignmentRow } from './assignments.tables.js';

/** Staff as the assignment screens show them: profile with the phone masked unless it is you or you are an admin. */
export async function presentStaffByIds(ctx: AppContext, ids: string[], viewer: StaffActor | null, lang: Lang) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, ReturnType<typeof toView>>();
  const rows = await ctx.db
    .select({ row: staff, unitName: units.name })
    .from(staff)
    .leftJoin(units, eq(units.id, staff.unitId))
    .where(inArray(staff.id, unique));
  const toView = (r: (typeof rows)[number]) => ({
    id: r.row.id,
    username: r.row.username,
    displayName: r.row.displayName,
    role: r.row.role,
    roleLabel: roleLabels[r.row.role][lang],
    unitName: r.unitName,
    isActive: r.row.isActive,
    ...presentProfile(ctx.secrets, r.row, viewer),
  });
  return new Map(rows.map((r) => [r.row.id, toView(r)]));
}

/** Nodes with the names of their town and village (read from the path's codes). */
export async function presentNodesByIds(db: Database, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, NodeView>();
  const rows = await db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level, path: territoryNodes.path })
    .from(territoryNodes)
    .where(inArray(territoryNodes.id, unique));
  const ancestorCodes = [...new Set(rows.flatMap((r) => [townCodeOf(r.path), villageCodeOf(r.path)]).filter((c): c is string => c !== undefined))];
  const ancestors = ancestorCodes.length
    ? await db.select({ code: territoryNodes.code, name: territoryNodes.name }).from(territoryNodes).where(inArray(territoryNodes.code, ancestorCodes))
    : [];
  const nameOf = new Map(ancestors.map((a) => [a.code, a.name]));
  return new Map(
    rows.map((r) => {
      const [town, village] = [townCodeOf(r.path), villageCodeOf(r.path)];
      return [r.id, { ...r, townName: (town && nameOf.get(town)) ?? null, villageName: (village && nameOf.get(village)) ?? null }];
    }),
  );
}

export interface NodeView {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
  townName: string | null;
  villageName: string | null;
}

export function assignmentState(row: Pick<AssignmentRow, 'startsOn' | 'endsOn'>, today: string): 'active' | 'upcoming' | 'ended' {
  if (row.endsOn !== null && row.endsOn < today) return 'ended';
  return row.startsOn > today ? 'upcoming' : 'active';
}

export async function presentAssignments(ctx: AppContext, rows: AssignmentRow[], viewer: StaffActor, lang: Lang) {
  const [people, nodes] = await Promise.all([
    presentStaffByIds(ctx, rows.map((r) => r.staffId), viewer, lang),
    presentNodesByIds(ctx.db, rows.map((r) => r.nodeId)),
  ]);
  const today = shanghaiDate(ctx.clock.now());
  return rows.map((r) => ({
    id: r.id,
    staff: people.get(r.staffId)!,
    node: nodes.get(r.nodeId)!,
    tier: r.tier,
    tierLabel: tierLabels[r.tier][lang],
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    note: r.note,
    state: assignmentState(r, today),
    createdAt: r.createdAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    version: r.version,
  }));
}
