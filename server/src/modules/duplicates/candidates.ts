import { and, between, gte, isNotNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { cases, type CaseRow } from '../cases/cases.tables.js';
import type { Rule } from './duplicate-rules.js';
import { boundingBox, distanceM, isLikelyDuplicate, scoreCandidate, sharedWords, textSimilarity } from './similarity.js';

const dayMs = 86_400_000;
/** The statuses a case can no longer be followed or merged into in (the partial index cases_open_location leaves them out). */
export const finishedStatuses = ['closed', 'rejected', 'merged'] as const;

/** What a new report (or an existing case) is compared with. */
export interface Probe {
  lat: number;
  lng: number;
  description: string;
  categoryCode: string | null;
  /** When it was reported (now, for a report being written). */
  at: Date;
  /** The case itself, when the probe is an existing case. */
  excludeId?: string;
}

export interface Candidate {
  row: CaseRow;
  distanceM: number;
  /** Days between the candidate's report and the probe's (positive: the candidate is older). */
  daysAgo: number;
  similarity: number;
  sameCategory: boolean;
  sharedWords: string[];
  score: number;
  isLikely: boolean;
}

/** Rows read per probe at most: a box of 250 m rarely holds more open cases; beyond it the nearest-in-time win. */
const maxRows = 300;

/**
 * Open cases within the rule's radius and window of the probe, scored and best first. One indexed query:
 * the bounding box on (lat, lng) and the window on created_at, over the partial index of open cases
 * (cases_open_location), then exact distances and text similarity in memory. `scope` narrows it to what
 * the caller may see (staff) — it is part of the query, so nothing outside it is even read.
 */
export async function findCandidates(db: Database, probe: Probe, rule: Rule, scope?: SQL): Promise<Candidate[]> {
  const box = boundingBox(probe.lat, probe.lng, rule.radiusM);
  const windowMs = rule.windowDays * dayMs;
  // For an existing case, cases reported up to a window after it count too (they may be its duplicates).
  const upTo = probe.excludeId ? new Date(probe.at.getTime() + windowMs) : probe.at;
  const rows = await db
    .select()
    .from(cases)
    .where(
      and(
        isNotNull(cases.lat),
        // Literal, not parameters: the planner must see that the partial index's predicate holds.
        sql`${cases.status} not in ('closed','rejected','merged')`,
        between(cases.lat, box.minLat, box.maxLat),
        between(cases.lng, box.minLng, box.maxLng),
        gte(cases.createdAt, new Date(probe.at.getTime() - windowMs)),
        lte(cases.createdAt, upTo),
        probe.excludeId ? ne(cases.id, probe.excludeId) : undefined,
        scope,
      ),
    )
    .orderBy(sql`${cases.createdAt} desc`)
    .limit(maxRows);
  const found: Candidate[] = [];
  for (const row of rows) {
    const distance = distanceM(probe.lat, probe.lng, row.lat!, row.lng!);
    if (distance > rule.radiusM) continue;
    const facts = {
      distanceM: Math.round(distance),
      daysAgo: Math.round(((probe.at.getTime() - row.createdAt.getTime()) / dayMs) * 10) / 10,
      similarity: Math.round(textSimilarity(probe.description, row.description) * 1000) / 1000,
      sameCategory: probe.categoryCode !== null && row.categoryCode === probe.categoryCode,
    };
    const score = scoreCandidate(facts, rule);
    found.push({ row, ...facts, sharedWords: sharedWords(probe.description, row.description), score, isLikely: isLikelyDuplicate(facts, score) });
  }
  return found.sort((a, b) => b.score - a.score || a.distanceM - b.distanceM);
}
