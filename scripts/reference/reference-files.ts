/** Types and loader for the committed reference files in server/reference/ (shared by the check scripts). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Colour = 'green' | 'yellow' | 'red';
export type Level = 'grid' | 'village' | 'town' | 'department';

export interface Category {
  code: string;
  nameZh: string;
  nameEn: string;
  colour: Colour;
  level: Level;
  respondMinutes: number;
  resolveHours: number;
  clock: 'working_days' | 'working_hours' | 'continuous';
  verification: 'on_site' | 'reporter' | 'none';
  defaultUnitCode: string | null;
}

export interface CategoriesFile {
  demandTypes: { code: string; nameZh: string; nameEn: string }[];
  groups: { code: string; nameZh: string; nameEn: string; categories: Category[] }[];
}

export interface Unit {
  code: string;
  name: string;
  shortName: string;
  kind: 'department' | 'office' | 'partner';
}

export interface DemoCase {
  description: string;
  categoryCode: string;
  demandType: string;
  channel: string;
  reporterName: string | null;
  reporterPhone: string | null;
  isAnonymous: boolean;
  inJiangzhuang: boolean;
  journey: string[];
  daysAgo: number;
}

export const referenceDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'reference');

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(referenceDir, name), 'utf8')) as T;
}

export function loadReference(): { categories: CategoriesFile; units: Unit[] } {
  return { categories: readJson<CategoriesFile>('categories.json'), units: readJson<Unit[]>('units.json') };
}

export function loadDemoCases(): DemoCase[] {
  return readJson<DemoCase[]>('demo-cases.json');
}
