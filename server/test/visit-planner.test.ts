import { describe, expect, it } from 'vitest';
import { addDays, planVisits, type PlannerHousehold, type PlannerInput } from '../src/modules/visits/visit-planner.js';

// Fixed dates: 2026-09-28 is a Monday; 2026-10-01…10-07 is the 国庆 holiday, with 10-10 (a Saturday) a make-up working day.
const start = '2026-09-28';
const holidays = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
const makeUpDays = new Set(['2026-10-10']);

function workingDays(from: string, count: number): string[] {
  const days: string[] = [];
  for (let i = 0; i < count; i++) {
    const date = addDays(from, i);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (makeUpDays.has(date) || (weekday !== 0 && weekday !== 6 && !holidays.has(date))) days.push(date);
  }
  return days;
}

const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(5, '0')}`;

function households(gridId: string, count: number, from = 0, extra: Partial<PlannerHousehold> = {}): PlannerHousehold[] {
  return Array.from({ length: count }, (_, i) => ({ id: id(`h-${gridId}`, from + i), gridId, tags: [], lastVisitedOn: null, ...extra }));
}

function baseInput(overrides: Partial<PlannerInput> = {}): PlannerInput {
  return {
    cadres: [
      { staffId: 'staff-a', gridIds: ['g1', 'g2'] },
      { staffId: 'staff-b', gridIds: ['g2'] },
      { staffId: 'staff-c', gridIds: ['g3'] },
    ],
    households: [...households('g1', 60), ...households('g2', 180), ...households('g3', 90), ...households('g9', 5)],
    cadence: { householdsPerDay: 7, cycleDays: 60 },
    planDays: workingDays(start, 60),
    startDate: start,
    horizonDays: 60,
    ...overrides,
  };
}

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const copy = [...list];
  let s = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('planVisits', () => {
  it('is deterministic: the same inputs, in any order, give the same plan', () => {
    const input = baseInput();
    const first = planVisits(input);
    const again = planVisits(baseInput());
    const reordered = planVisits({ ...input, cadres: shuffled(input.cadres, 7), households: shuffled(input.households, 11), planDays: shuffled(input.planDays, 3) });
    expect(again.items).toEqual(first.items);
    expect(reordered.items).toEqual(first.items);
    expect(first.items.length).toBeGreaterThan(0);
  });

  it('never plans a household outside the cadre\'s grids, and leaves uncovered grids unplanned', () => {
    const input = baseInput();
    const gridOf = new Map(input.households.map((h) => [h.id, h.gridId]));
    const gridsOf = new Map(input.cadres.map((c) => [c.staffId, new Set(c.gridIds)]));
    const { items, uncovered } = planVisits(input);
    for (const item of items) expect(gridsOf.get(item.staffId)!.has(gridOf.get(item.householdId)!)).toBe(true);
    expect(uncovered).toEqual(households('g9', 5).map((h) => h.id));
    expect(items.some((i) => i.householdId.startsWith('h-g9'))).toBe(false);
  });

  it('plans each household once per cycle, on one cadre only, and every covered household within the cycle', () => {
    const input = baseInput();
    const { items } = planVisits(input);
    const seen = new Map<string, string>();
    for (const item of items) {
      expect(seen.has(item.householdId)).toBe(false);
      seen.set(item.householdId, item.staffId);
    }
    expect(seen.size).toBe(330);
  });

  it('balances the households of a shared grid between its cadres and keeps daily loads even', () => {
    const { items, ownerOf } = planVisits(baseInput());
    const rounds = new Map<string, number>();
    for (const owner of ownerOf.values()) rounds.set(owner, (rounds.get(owner) ?? 0) + 1);
    // a: 60 of g1 + its share of g2; b: the rest of g2 — 240 households between them, 120 each.
    expect(rounds.get('staff-a')).toBe(120);
    expect(rounds.get('staff-b')).toBe(120);
    const perDay = new Map<string, number[]>();
    for (const item of items) {
      const key = `${item.staffId}|${item.date}`;
      perDay.set(key, [...(perDay.get(key) ?? []), item.position]);
    }
    const loads = (staffId: string) => [...perDay.entries()].filter(([k]) => k.startsWith(staffId)).map(([, p]) => p.length);
    for (const staffId of ['staff-a', 'staff-b', 'staff-c']) {
      const l = loads(staffId);
      expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
      expect(Math.max(...l)).toBeLessThanOrEqual(7);
    }
  });

  it('puts tagged and longest-unvisited households first (never visited = longest)', () => {
    const list: PlannerHousehold[] = [
      { id: 'h-recent', gridId: 'g1', tags: [], lastVisitedOn: '2026-07-20' },
      { id: 'h-old', gridId: 'g1', tags: [], lastVisitedOn: '2026-05-01' },
      { id: 'h-never', gridId: 'g1', tags: [], lastVisitedOn: null },
      { id: 'h-tagged-recent', gridId: 'g1', tags: ['dibao'], lastVisitedOn: '2026-07-01' },
      { id: 'h-tagged-never', gridId: 'g1', tags: ['elderly_alone'], lastVisitedOn: null },
      { id: 'h-veteran', gridId: 'g1', tags: ['veteran'], lastVisitedOn: '2026-06-01' },
    ];
    const { items } = planVisits({
      cadres: [{ staffId: 's', gridIds: ['g1'] }],
      households: list,
      cadence: { householdsPerDay: 1, cycleDays: 60 },
      planDays: workingDays(start, 14),
      startDate: start,
      horizonDays: 14,
    });
    expect(items.map((i) => i.householdId)).toEqual(['h-tagged-never', 'h-tagged-recent', 'h-never', 'h-old', 'h-veteran', 'h-recent']);
  });

  it('puts at most households-per-day on a day and orders each day 1, 2, 3 …', () => {
    const { items } = planVisits(baseInput({ households: households('g3', 1000), cadence: { householdsPerDay: 7, cycleDays: 60 } }));
    const byDay = new Map<string, number[]>();
    for (const item of items) byDay.set(item.date, [...(byDay.get(item.date) ?? []), item.position]);
    for (const positions of byDay.values()) {
      expect(positions.length).toBe(7);
      expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
  });

  it('skips weekends and holidays and uses make-up working days', () => {
    const { items } = planVisits(baseInput());
    const dates = new Set(items.map((i) => i.date));
    for (const holiday of holidays) expect(dates.has(holiday)).toBe(false);
    expect(dates.has('2026-10-03')).toBe(false); // Saturday
    expect(dates.has('2026-10-04')).toBe(false); // Sunday
    expect(dates.has('2026-10-10')).toBe(true); // make-up Saturday
  });

  it('waits until a recently visited household is due again, and re-plans after a cycle on long horizons', () => {
    const { items } = planVisits({
      cadres: [{ staffId: 's', gridIds: ['g1'] }],
      households: [
        { id: 'h-visited', gridId: 'g1', tags: [], lastVisitedOn: '2026-09-21' },
        { id: 'h-other', gridId: 'g1', tags: [], lastVisitedOn: null },
      ],
      cadence: { householdsPerDay: 7, cycleDays: 14 },
      planDays: workingDays(start, 40),
      startDate: start,
      horizonDays: 40,
    });
    const visited = items.filter((i) => i.householdId === 'h-visited').map((i) => i.date);
    expect(visited[0]! >= '2026-10-05').toBe(true);
    for (let i = 1; i < visited.length; i++) expect(visited[i]! >= addDays(visited[i - 1]!, 14)).toBe(true);
    expect(items.filter((i) => i.householdId === 'h-other').length).toBeGreaterThanOrEqual(2);
  });

  it('counts fixed items (today\'s visits) against the day and does not plan those households again in the cycle', () => {
    const input = baseInput({
      cadres: [{ staffId: 's', gridIds: ['g1'] }],
      households: households('g1', 200),
      cadence: { householdsPerDay: 3, cycleDays: 60 },
      fixed: [{ staffId: 's', householdId: id('h-g1', 0), date: start }],
    });
    const { items } = planVisits(input);
    expect(items.filter((i) => i.date === start).map((i) => i.position)).toEqual([2, 3]);
    expect(items.some((i) => i.householdId === id('h-g1', 0))).toBe(false);
  });
});
