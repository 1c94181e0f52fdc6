import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import type { Lang } from '../../platform/i18n.js';
import { actorCoversPath, actorFacts, type StaffActor } from '../../platform/actor.js';
import { ancestorPath, villageCodeOf } from '../../platform/territory-path.js';
import { staffUnderPaths } from '../people/index.js';
import { units } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { actionInputs, actionLabels, caseActions, type CaseAction } from './case-machine.js';
import { decide, nextLevel, type CaseFacts } from './cases.policy.js';
import { actionBodies } from './cases.schema.js';
import type { CaseRow } from './cases.tables.js';

export interface ActionTarget {
  kind: 'grid' | 'village' | 'town' | 'unit' | 'user';
  id: string;
  code: string | null;
  name: string;
}

/** Where a dispatcher may send this case: grids and village around it, units, and staff there. */
async function dispatchTargets(db: Database, actor: StaffActor, row: CaseRow): Promise<ActionTarget[]> {
  const villageCode = villageCodeOf(row.territoryPath);
  const basePath = ancestorPath(row.territoryPath, 'village') ?? ancestorPath(row.territoryPath, 'town') ?? ancestorPath(row.territoryPath, 'county') ?? row.territoryPath;
  const nodeLevels = villageCode ? (['village', 'grid'] as const) : (['town', 'village'] as const);
  // A town-located case already sent to a village may go on to that village's grids.
  const below = !villageCode && row.assigneeKind === 'node' && row.assigneeNodeId ? sql` or (${territoryNodes.parentId} = ${row.assigneeNodeId} and ${territoryNodes.level} = 'grid')` : sql``;
  const nodes = await db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level, path: territoryNodes.path })
    .from(territoryNodes)
    .where(sql`((${and(sql`${territoryNodes.path} like ${basePath + '%'}`, inArray(territoryNodes.level, [...nodeLevels]))})${below})`)
    .orderBy(territoryNodes.path);
  const nodeTargets = nodes
    .filter((n) => actorCoversPath(actor, n.path))
    .map((n) => ({ kind: n.level as ActionTarget['kind'], id: n.id, code: n.code, name: n.name }));
  const people = await staffUnderPaths(db, [basePath], ['grid_worker', 'cadre', 'community_staff']);
  const unitRows = await db.select().from(units).where(inArray(units.kind, ['department', 'office', 'partner'])).orderBy(units.code);
  return [
    ...nodeTargets,
    ...people.map((p) => ({ kind: 'user' as const, id: p.id, code: p.username, name: p.displayName })),
    ...unitRows.map((u) => ({ kind: 'unit' as const, id: u.id, code: u.code, name: u.shortName ?? u.name })),
  ];
}

async function escalateTargets(db: Database, row: CaseRow): Promise<ActionTarget[]> {
  if (nextLevel[row.level] !== 'department') return [];
  return departmentTargets(db);
}

/** The longest text the action's body schema accepts for this field, so a form can cap it alike. */
function textLimit(action: CaseAction, name: string): { maxLength?: number } {
  let schema: unknown = (actionBodies[action] as z.ZodObject).shape[name];
  while (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) schema = schema.unwrap();
  const max = schema instanceof z.ZodString ? schema.maxLength : null;
  return typeof max === 'number' ? { maxLength: max } : {};
}

/**
 * The actions this actor may take on this case now, computed from the same policy the server
 * enforces, with the input each needs and the targets it may choose from.
 */
export async function allowedActionsFor(db: Database, actor: StaffActor, row: CaseRow, facts: CaseFacts, lang: Lang) {
  const allowed = caseActions.filter((action) => decide(facts, action, actorFacts(actor)).allowed);
  const out = [];
  for (const action of allowed) {
    out.push({
      action,
      label: actionLabels[action][lang],
      labels: actionLabels[action],
      input: actionInputs[action].map((f) => ({
        name: f.name,
        type: f.type,
        required: f.required,
        label: f.label[lang],
        ...(f.type === 'text' ? textLimit(action, f.name) : {}),
        ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: o.label[lang] })) } : {}),
      })),
      targets: await targetsOf(db, actor, row, action),
    });
  }
  return out;
}

/** Departments a raised or emergency whistle may summon. */
async function departmentTargets(db: Database): Promise<ActionTarget[]> {
  const rows = await db.select().from(units).where(eq(units.kind, 'department')).orderBy(units.code);
  return rows.map((u) => ({ kind: 'unit' as const, id: u.id, code: u.code, name: u.shortName ?? u.name }));
}

async function targetsOf(db: Database, actor: StaffActor, row: CaseRow, action: CaseAction): Promise<ActionTarget[]> {
  if (action === 'dispatch') return dispatchTargets(db, actor, row);
  if (action === 'escalate') return escalateTargets(db, row);
  if (action === 'whistle') return departmentTargets(db);
  return [];
}
