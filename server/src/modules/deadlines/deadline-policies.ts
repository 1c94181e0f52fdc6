import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { categories, type CaseLevel, type CategoryRow, type ClockKind, type Colour } from '../categories/categories.tables.js';
import { deadlinePolicies, type DeadlinePolicyRow } from './deadlines.tables.js';
import { PerDatabaseCache } from '../../platform/db/per-database-cache.js';
import { seedsRule, type PolicyRule } from './seeds-rule.js';

export interface CaseLimitsInput {
  categoryCode: string | null;
  colour: Colour;
  level: CaseLevel;
}

/** Where the limits came from (shown on the policies page so admins see which rule applies). */
export type LimitsSource = { kind: 'policy'; policyId: string } | { kind: 'category'; categoryCode: string } | { kind: 'default' };

export interface CaseLimits {
  respondMinutes: number;
  resolveMinutes: number;
  /** The clock the resolve limit runs on; responding is always measured on the continuous clock. */
  clock: ClockKind;
  autoEscalate: boolean;
  warnFraction: number;
  source: LimitsSource;
}

export const defaultWarnFraction = 0.8;
const levelOrder: readonly CaseLevel[] = ['grid', 'village', 'town', 'department'];

const policyCache = new PerDatabaseCache<DeadlinePolicyRow[]>((db) => db.select().from(deadlinePolicies));

export async function loadPolicies(db: Database): Promise<DeadlinePolicyRow[]> {
  return policyCache.get(db);
}

/** Call after any change to `deadline_policies`. */
export function invalidatePolicies(db: Database): void {
  policyCache.invalidate(db);
}

/** How specific a policy is: category 4, colour 2, level 1 — so category beats colour beats level. */
export function specificity(p: Pick<DeadlinePolicyRow, 'categoryCode' | 'colour' | 'level'>): number {
  return (p.categoryCode ? 4 : 0) + (p.colour ? 2 : 0) + (p.level ? 1 : 0);
}

function matches(p: PolicyRule, input: CaseLimitsInput): boolean {
  return (
    (p.categoryCode === null || p.categoryCode === input.categoryCode) &&
    (p.colour === null || p.colour === input.colour) &&
    (p.level === null || p.level === input.level)
  );
}

/** The most specific matching policy among `rows` (the unique constraint rules out ties). */
function bestMatch<P extends PolicyRule>(rows: readonly P[], input: CaseLimitsInput): P | undefined {
  let best: P | undefined;
  for (const p of rows) if (matches(p, input) && (!best || specificity(p) > specificity(best))) best = p;
  return best;
}

/**
 * The limits a case runs on (docs/deadlines.md "Precedence"), first that applies:
 * 1. the most specific policy naming the case's category;
 * 2. the category's own limits, while the case is as the category describes it (its colour, at its
 *    level or below) — a re-coloured or escalated case has left what the category's numbers were for;
 * 3. the most specific policy without a category (colour beats level);
 * 4. the seeds' rule built into the code (seeds-rule.ts: the same rows the seed writes as policies).
 * Auto-escalation and the warning point come from the policy used; with the category's own limits,
 * from the most specific category-less policy that matches (the category has no such settings).
 */
export function resolveLimits(policies: DeadlinePolicyRow[], category: CategoryRow | undefined, input: CaseLimitsInput): CaseLimits {
  const fromPolicy = (p: DeadlinePolicyRow): CaseLimits => ({
    respondMinutes: p.respondMinutes,
    resolveMinutes: p.resolveMinutes,
    clock: p.clock,
    autoEscalate: p.autoEscalate,
    warnFraction: Number(p.warnFraction),
    source: { kind: 'policy', policyId: p.id },
  });
  const named = bestMatch(
    policies.filter((p) => p.categoryCode !== null),
    input,
  );
  if (named) return fromPolicy(named);
  const generic = bestMatch(
    policies.filter((p) => p.categoryCode === null),
    input,
  );
  if (category && category.colour === input.colour && levelOrder.indexOf(input.level) <= levelOrder.indexOf(category.level)) {
    return {
      respondMinutes: category.respondMinutes,
      resolveMinutes: category.resolveHours * 60,
      clock: category.clock,
      autoEscalate: generic?.autoEscalate ?? false,
      warnFraction: generic ? Number(generic.warnFraction) : defaultWarnFraction,
      source: { kind: 'category', categoryCode: category.code },
    };
  }
  if (generic) return fromPolicy(generic);
  // Every colour × level matches one of the seeds' rows.
  const seeds = bestMatch(seedsRule, input)!;
  return {
    respondMinutes: seeds.respondMinutes,
    resolveMinutes: seeds.resolveMinutes,
    clock: seeds.clock,
    autoEscalate: seeds.autoEscalate,
    warnFraction: seeds.warnFraction,
    source: { kind: 'default' },
  };
}

/** The respond/resolve limits, clock, auto-escalation and warning point for a case (the contract other modules use). */
export async function caseLimits(db: Database, input: CaseLimitsInput): Promise<CaseLimits> {
  const policies = await loadPolicies(db);
  // The category is read fresh (one primary-key row): category edits must take effect at once.
  const [category] = input.categoryCode ? await db.select().from(categories).where(eq(categories.code, input.categoryCode)).limit(1) : [];
  return resolveLimits(policies, category, input);
}
