import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { StaffActor } from '../../platform/actor.js';
import { units } from './people.tables.js';
import { staffUnderPaths } from './people.queries.js';
import type { Role } from '../../platform/roles.js';

export async function unitOf(ctx: AppContext, actor: StaffActor) {
  if (!actor.unitId) return null;
  const [unit] = await ctx.db.select().from(units).where(eq(units.id, actor.unitId)).limit(1);
  return unit ?? null;
}

/** Staff the actor may pick as an assignee: those whose territory lies inside the actor's. */
export async function listStaffInScope(ctx: AppContext, actor: StaffActor, query: { role?: Role | undefined; q?: string | undefined }) {
  const rows = await staffUnderPaths(ctx.db, actor.nodes.map((n) => n.path), query.role ? [query.role] : undefined);
  const needle = query.q?.toLowerCase();
  return rows
    .filter((r) => !needle || r.displayName.toLowerCase().includes(needle) || r.username.toLowerCase().includes(needle))
    .map(({ id, username, displayName, role }) => ({ id, username, displayName, role }));
}
