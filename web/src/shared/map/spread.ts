export interface ScreenPoint {
  x: number;
  y: number;
}

/**
 * Markers at (nearly) the same spot would hide each other: each group of points closer than
 * `minDistance` pixels is fanned out on a circle around its centre (a small "spiderfy"), so every
 * marker can be seen and tapped. Points on their own stay where they are. Same order as the input.
 */
export function spreadOverlapping(points: readonly ScreenPoint[], minDistance = 8, radius = 16, markerSize = 16): ScreenPoint[] {
  const out = points.map((p) => ({ x: p.x, y: p.y }));
  const grouped = new Uint8Array(points.length);
  const limit = minDistance * minDistance;
  for (let i = 0; i < points.length; i++) {
    if (grouped[i]) continue;
    const group = [i];
    grouped[i] = 1;
    // Grow the group with every point near any of its members.
    for (let g = 0; g < group.length; g++) {
      const a = points[group[g]!]!;
      for (let j = 0; j < points.length; j++) {
        if (grouped[j]) continue;
        const b = points[j]!;
        if ((a.x - b.x) ** 2 + (a.y - b.y) ** 2 <= limit) {
          grouped[j] = 1;
          group.push(j);
        }
      }
    }
    if (group.length < 2) continue;
    const cx = group.reduce((s, k) => s + points[k]!.x, 0) / group.length;
    const cy = group.reduce((s, k) => s + points[k]!.y, 0) / group.length;
    // Enough room on the circle for every marker.
    const r = Math.max(radius, (group.length * markerSize) / (2 * Math.PI));
    group.forEach((k, n) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * n) / group.length;
      out[k] = { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) };
    });
  }
  return out;
}
