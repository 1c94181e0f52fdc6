/**
 * The visit planner (走访计划): turns a cadence ("每日走七户、两月一循环"), the cadres' assignments
 * and the households into each cadre's daily list. Pure and deterministic: no clock, no randomness,
 * every sort ends on ids, and the inputs' order does not matter — the same inputs give the same plan.
 * docs/visits.md explains the rules; test/visit-planner.test.ts proves them.
 */

/** Tags that put a household at the front of the queue (独居老人, 低保, 残疾, 留守儿童, 重点关注). */
export const priorityTags: readonly string[] = ['elderly_alone', 'dibao', 'disabled', 'left_behind_child', 'key_attention'];

export interface PlannerCadre {
  staffId: string;
  /** The basic grids the cadre covers: every grid of an assigned village, or an assigned grid. */
  gridIds: readonly string[];
}

export interface PlannerHousehold {
  id: string;
  gridId: string;
  tags: readonly string[];
  /** `YYYY-MM-DD` (Shanghai) of the last visit, null when never visited. */
  lastVisitedOn: string | null;
}

export interface PlannerCadence {
  householdsPerDay: number;
  cycleDays: number;
}

/** A day already fixed before planning (e.g. today's visited items): it uses that cadre's capacity. */
export interface FixedItem {
  staffId: string;
  householdId: string;
  date: string;
}

export interface PlannerInput {
  cadres: readonly PlannerCadre[];
  households: readonly PlannerHousehold[];
  cadence: PlannerCadence;
  /** The days visits may be planned on, `YYYY-MM-DD` (working days from the calendar, or every day). */
  planDays: readonly string[];
  /** First day of the plan (inclusive); days before it are ignored. */
  startDate: string;
  /** Calendar days covered from the start (inclusive of the start). */
  horizonDays: number;
  fixed?: readonly FixedItem[];
}

export interface PlannedVisit {
  date: string;
  staffId: string;
  householdId: string;
  /** 1-based order within the cadre's day. */
  position: number;
}

export interface PlannerOutput {
  items: PlannedVisit[];
  /** Each cadre's households (the partition): every household is on exactly one cadre's round. */
  ownerOf: Map<string, string>;
  /** Households in no cadre's grids: nobody can be sent there until someone is assigned. */
  uncovered: string[];
}

const dayMs = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isPriority(h: PlannerHousehold): boolean {
  return h.tags.some((t) => priorityTags.includes(t));
}

/** Queue order: tagged first, then longest unvisited (never visited = longest), then id. */
export function compareHouseholds(a: PlannerHousehold, b: PlannerHousehold): number {
  const pa = isPriority(a) ? 0 : 1;
  const pb = isPriority(b) ? 0 : 1;
  if (pa !== pb) return pa - pb;
  if (a.lastVisitedOn !== b.lastVisitedOn) {
    if (a.lastVisitedOn === null) return -1;
    if (b.lastVisitedOn === null) return 1;
    return byString(a.lastVisitedOn, b.lastVisitedOn);
  }
  return byString(a.id, b.id);
}

/**
 * Splits the households between the cadres who may visit them. Households with one possible cadre
 * go first; the rest go, in queue order, to the least-loaded candidate (ties: staff id), so cadres
 * sharing a grid end up with even rounds.
 */
function partition(cadres: readonly PlannerCadre[], households: readonly PlannerHousehold[]) {
  const cadresOfGrid = new Map<string, string[]>();
  for (const cadre of [...cadres].sort((a, b) => byString(a.staffId, b.staffId))) {
    for (const gridId of new Set(cadre.gridIds)) {
      const list = cadresOfGrid.get(gridId) ?? [];
      list.push(cadre.staffId);
      cadresOfGrid.set(gridId, list);
    }
  }
  const load = new Map<string, number>(cadres.map((c) => [c.staffId, 0]));
  const ownerOf = new Map<string, string>();
  const roundOf = new Map<string, PlannerHousehold[]>(cadres.map((c) => [c.staffId, []]));
  const uncovered: string[] = [];
  const candidates = (h: PlannerHousehold) => cadresOfGrid.get(h.gridId) ?? [];
  const ordered = [...households].sort((a, b) => candidates(a).length - candidates(b).length || compareHouseholds(a, b));
  for (const household of ordered) {
    const options = candidates(household);
    if (options.length === 0) {
      uncovered.push(household.id);
      continue;
    }
    let best = options[0]!;
    for (const option of options) if (load.get(option)! < load.get(best)!) best = option;
    load.set(best, load.get(best)! + 1);
    ownerOf.set(household.id, best);
    roundOf.get(best)!.push(household);
  }
  return { ownerOf, roundOf, uncovered: uncovered.sort(byString) };
}

/**
 * One cadre's days. The round is spread evenly over one cycle's plan days: by the i-th plan day,
 * ceil((i+1)·N/D) households should have been planned (N = round size, D = plan days in a cycle),
 * never more than the cadence's households per day; a day with too few households due lets the
 * next days catch up. Each day takes the first households of the queue that are due — never
 * visited, or last visited (or planned) at least one cycle before that day.
 */
function scheduleRound(round: PlannerHousehold[], staffId: string, days: readonly string[], input: PlannerInput, fixed: readonly FixedItem[]): PlannedVisit[] {
  const { householdsPerDay, cycleDays } = input.cadence;
  const cycleEnd = addDays(input.startDate, cycleDays);
  const daysInCycle = days.filter((d) => d < cycleEnd).length || 1;
  const queue = [...round].sort(compareHouseholds);
  /** The first day each household may be planned again. */
  const dueOn = new Map<string, string>();
  for (const h of queue) dueOn.set(h.id, h.lastVisitedOn ? addDays(h.lastVisitedOn, cycleDays) : '0000-00-00');
  const fixedOn = new Map<string, number>();
  for (const f of fixed) {
    fixedOn.set(f.date, (fixedOn.get(f.date) ?? 0) + 1);
    const next = addDays(f.date, cycleDays);
    if (dueOn.has(f.householdId) && next > dueOn.get(f.householdId)!) dueOn.set(f.householdId, next);
  }
  const items: PlannedVisit[] = [];
  let placed = 0;
  days.forEach((day, index) => {
    const target = Math.ceil(((index + 1) * queue.length) / daysInCycle);
    let position = fixedOn.get(day) ?? 0;
    placed += position;
    for (const household of queue) {
      if (position >= householdsPerDay || placed >= target) break;
      if (dueOn.get(household.id)! > day) continue;
      position += 1;
      placed += 1;
      items.push({ date: day, staffId, householdId: household.id, position });
      dueOn.set(household.id, addDays(day, cycleDays));
    }
  });
  return items;
}

/** Plans every cadre's daily visits over the horizon. See the file header for the guarantees. */
export function planVisits(input: PlannerInput): PlannerOutput {
  const lastDay = addDays(input.startDate, input.horizonDays - 1);
  const days = [...new Set(input.planDays)].filter((d) => d >= input.startDate && d <= lastDay).sort(byString);
  const { ownerOf, roundOf, uncovered } = partition(input.cadres, input.households);
  const fixed = [...(input.fixed ?? [])].filter((f) => f.date >= input.startDate);
  const items: PlannedVisit[] = [];
  for (const staffId of [...roundOf.keys()].sort(byString)) {
    const own = fixed.filter((f) => f.staffId === staffId);
    items.push(...scheduleRound(roundOf.get(staffId)!, staffId, days, input, own));
  }
  items.sort((a, b) => byString(a.date, b.date) || byString(a.staffId, b.staffId) || a.position - b.position);
  return { items, ownerOf, uncovered };
}
