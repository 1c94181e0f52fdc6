import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import { actorFacts, type StaffActor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import { whistleGradeLabels, isPartyMember } from '../cases/index.js';
import { caseEvents, type CaseRow } from '../cases/cases.tables.js';
import { partiesOfCases } from './whistle-facts.js';
import { caseRatings, caseWhistles } from './whistles.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const ratingLabels = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  fairlySatisfied: { zh: '基本满意', en: 'Fairly satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
} as const;

function partyState(p: { checkedInAt: Date | null; completedAt: Date | null; overdueAt: Date | null; checkInBy: Date }, now: Date) {
  if (p.completedAt) return 'completed' as const;
  if (p.checkedInAt) return 'checkedIn' as const;
  if (p.overdueAt || p.checkInBy < now) return 'overdue' as const;
  return 'waiting' as const;
}

/** Whistles with their parties, urges, ratings and follow-ups of one case, for the case page. */
export async function loopOfCase(ctx: AppContext, actor: StaffActor, row: CaseRow, lang: Lang) {
  const now = ctx.clock.now();
  const [whistles, parties, events, ratings] = await Promise.all([
    ctx.db
      .select({ whistle: caseWhistles, blownByName: staff.displayName })
      .from(caseWhistles)
      .leftJoin(staff, eq(staff.id, caseWhistles.blownBy))
      .where(eq(caseWhistles.caseId, row.id))
      .orderBy(asc(caseWhistles.blownAt), asc(caseWhistles.id)),
    partiesOfCases(ctx.db, [row.id]),
    ctx.db
      .select({ id: caseEvents.id, action: caseEvents.action, at: caseEvents.createdAt, note: caseEvents.note, data: caseEvents.data, actorId: caseEvents.actorId, actorName: staff.displayName })
      .from(caseEvents)
      .leftJoin(staff, eq(staff.id, caseEvents.actorId))
      .where(and(eq(caseEvents.caseId, row.id), inArray(caseEvents.action, ['urge', 'follow-up'])))
      .orderBy(asc(caseEvents.id)),
    ctx.db.select().from(caseRatings).where(eq(caseRatings.caseId, row.id)).orderBy(asc(caseRatings.createdAt)),
  ]);
  const me = actorFacts(actor);
  const by = (e: { actorId: string | null; actorName: string | null }) => (e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null);
  const urges = events.filter((e) => e.action === 'urge').map((e) => ({ id: e.id, at: e.at.toISOString(), by: by(e), note: e.note ?? '' }));
  return {
    whistles: whistles.map(({ whistle: w, blownByName }) => ({
      id: w.id,
      grade: w.grade,
      gradeLabel: whistleGradeLabels[w.grade][lang],
      reason: w.reason,
      blownAt: w.blownAt.toISOString(),
      blownBy: { id: w.blownBy, name: blownByName ?? '' },
      windowMinutes: w.windowMinutes,
      clock: w.clock,
      parties: parties
        .filter((p) => p.party.whistleId === w.id)
        .map(({ party: p, name, nodePath }) => ({
          id: p.id,
          kind: p.partyKind,
          partyId: p.partyId,
          name,
          state: partyState(p, now),
          isMine: isPartyMember(me, { kind: p.partyKind, partyId: p.partyId, nodePath }),
          checkInBy: p.checkInBy.toISOString(),
          checkedInAt: iso(p.checkedInAt),
          progressNote: p.progressNote,
          progressAt: iso(p.progressAt),
          completedAt: iso(p.completedAt),
          overdueAt: iso(p.overdueAt),
        })),
    })),
    urgeCount: urges.length,
    urges,
    ratings: ratings.map((r) => ({ id: r.id, rating: r.rating, ratingLabel: ratingLabels[r.rating][lang], comment: r.comment, channel: r.channel, round: r.round, at: r.createdAt.toISOString() })),
    followUps: events
      .filter((e) => e.action === 'follow-up')
      .map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        by: by(e),
        method: String(e.data['method'] ?? ''),
        result: e.note ?? '',
        observedSatisfaction: (e.data['observedSatisfaction'] as string | undefined) ?? null,
      })),
  };
}
