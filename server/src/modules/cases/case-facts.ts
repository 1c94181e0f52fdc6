import { inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { categories, type VerificationRule } from '../categories/categories.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { CaseAssignee, CaseFacts } from './cases.policy.js';
import type { CaseRow } from './cases.tables.js';
import type { CaseExtension } from './case-extension.js';
import { reporterSilenceDays } from './cases.policy.js';

/**
 * Reads what the policy needs about cases: verification rule, grid path and assignee node (two
 * queries), and what the extensions add (whistle parties, ratings and reporter: modules/whistles).
 */
export async function factsOfCases(db: Database, rows: CaseRow[], now: Date, extensions: readonly CaseExtension[]): Promise<Map<string, CaseFacts>> {
  const nodeIds = [...new Set(rows.flatMap((r) => [r.gridId, r.assigneeNodeId]).filter((id): id is string => !!id))];
  const categoryCodes = [...new Set(rows.map((r) => r.categoryCode).filter((c): c is string => !!c))];
  const [nodes, cats, ...added] = await Promise.all([
    nodeIds.length
      ? db.select({ id: territoryNodes.id, path: territoryNodes.path, level: territoryNodes.level }).from(territoryNodes).where(inArray(territoryNodes.id, nodeIds))
      : [],
    categoryCodes.length
      ? db.select({ code: categories.code, verification: categories.verification }).from(categories).where(inArray(categories.code, categoryCodes))
      : [],
    ...extensions.flatMap((e) => (e.facts ? [e.facts(db, rows, now)] : [])),
  ]);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const verificationByCode = new Map(cats.map((c) => [c.code, c.verification]));
  return new Map(
    rows.map((row) => {
      let assignee: CaseAssignee | null = null;
      if (row.assigneeKind === 'user' && row.assigneeUserId) assignee = { kind: 'user', userId: row.assigneeUserId };
      else if (row.assigneeKind === 'unit' && row.assigneeUnitId) assignee = { kind: 'unit', unitId: row.assigneeUnitId };
      else if (row.assigneeKind === 'node' && row.assigneeNodeId) {
        const node = nodeById.get(row.assigneeNodeId);
        if (node) assignee = { kind: 'node', nodePath: node.path, nodeLevel: node.level };
      }
      const verification: VerificationRule = (row.categoryCode && verificationByCode.get(row.categoryCode)) || 'on_site';
      return [
        row.id,
        {
          status: row.status,
          level: row.level,
          verification,
          gridPath: row.gridId ? (nodeById.get(row.gridId)?.path ?? null) : null,
          assignee,
          handlerId: row.handlerId,
          pendingExtensionById: row.pendingExtensionById,
          isLongTerm: row.longTermUntil !== null && row.longTermUntil > now,
          ...added.reduce<Partial<CaseFacts>>((all, facts) => ({ ...all, ...facts.get(row.id) }), {}),
          reporterSilent: row.handledAt !== null && now.getTime() - row.handledAt.getTime() >= reporterSilenceDays * 86_400_000,
        },
      ];
    }),
  );
}
