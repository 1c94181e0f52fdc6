/** A name that could be drawn at (x, y) (screen pixels, centre of the text). */
export interface LabelCandidate {
  id: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Lower is more important (placed first). */
  rank: number;
  /** Screen area of the named region: bigger regions are named first within a rank. */
  area: number;
  /** Screen width of the named region: a name much wider than its region is left out. */
  regionWidth: number;
}

/**
 * Greedy label placement: most important first, each name kept only if it fits inside the view
 * and does not overlap a name already placed (with a little padding), and its region is wide
 * enough to carry it. Pure, so the same view always shows the same names.
 */
export function placeLabels(candidates: readonly LabelCandidate[], view: { width: number; height: number }, padding = 3): LabelCandidate[] {
  const ordered = [...candidates].sort((a, b) => a.rank - b.rank || b.area - a.area || a.id.localeCompare(b.id));
  const placed: LabelCandidate[] = [];
  for (const c of ordered) {
    if (c.regionWidth < c.width * 0.6) continue;
    const left = c.x - c.width / 2;
    const top = c.y - c.height / 2;
    if (left < 0 || top < 0 || left + c.width > view.width || top + c.height > view.height) continue;
    const clashes = placed.some(
      (p) => Math.abs(p.x - c.x) * 2 < p.width + c.width + padding * 2 && Math.abs(p.y - c.y) * 2 < p.height + c.height + padding * 2,
    );
    if (!clashes) placed.push(c);
  }
  return placed;
}
