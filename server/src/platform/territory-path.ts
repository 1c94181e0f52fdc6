/**
 * Territory paths: a node's ancestor codes, root first, between slashes —
 * `/320305/320305107/320305107205/32030510720502/` (county, town, village, grid). Everything under a node
 * is one prefix match on its path. This file is the one place that reads and builds such paths, and the
 * one place that knows which level a code stands for (its length, as in the national division codes).
 */

export type PathLevel = 'county' | 'town' | 'village' | 'grid';

/** `/a/b/c/` → `['a', 'b', 'c']`. */
export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** `['a', 'b']` → `/a/b/`. */
export function pathOfCodes(codes: readonly string[]): string {
  return `/${codes.join('/')}/`;
}

/** The path of a node with `code` under the node at `parentPath` (null: the root, a county). */
export function childPath(parentPath: string | null, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

/** Code lengths of the division levels; a grid's code is longer (its village's code and 2 or more digits). */
const divisionCodeLength = { county: 6, town: 9, village: 12 } as const;

/** The level a code stands for: 6 digits a county, 9 a town, 12 a village; a grid's code is longer (14 or more). */
export function levelOfCode(code: string): PathLevel {
  if (code.length === divisionCodeLength.county) return 'county';
  if (code.length === divisionCodeLength.town) return 'town';
  if (code.length === divisionCodeLength.village) return 'village';
  return 'grid';
}

/** A division's ancestor code read from its own national code, which begins with it (`320305107205` → town `320305107`). */
export function divisionPrefix(code: string, level: Exclude<PathLevel, 'grid'>): string {
  return code.slice(0, divisionCodeLength[level]);
}

/** The code of the path's node at `level` (the node itself or an ancestor), if the path reaches that level. */
export function codeAt(path: string, level: PathLevel): string | undefined {
  return pathCodes(path).find((code) => levelOfCode(code) === level);
}

export const countyCodeOf = (path: string) => codeAt(path, 'county');
export const townCodeOf = (path: string) => codeAt(path, 'town');
export const villageCodeOf = (path: string) => codeAt(path, 'village');

/** The path of the ancestor (or the node itself) at `level`: `ancestorPath('/c/t/v/g/', 'town')` → `/c/t/`. */
export function ancestorPath(path: string, level: PathLevel): string | undefined {
  const codes = pathCodes(path);
  const index = codes.findIndex((code) => levelOfCode(code) === level);
  return index < 0 ? undefined : pathOfCodes(codes.slice(0, index + 1));
}

/** The town part of a path (`/<county>/<town>/`); a path above the towns (the county) is its own town part. */
export function townPathOf(path: string): string {
  return ancestorPath(path, 'town') ?? path;
}

/** The code of the node's parent (null for the root). */
export function parentCodeOf(path: string): string | null {
  return pathCodes(path).at(-2) ?? null;
}

/** Whether the node at `path` is the node at `ancestor` or lies under it. */
export function isUnder(path: string, ancestor: string): boolean {
  return path.startsWith(ancestor);
}
