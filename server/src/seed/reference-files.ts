import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseLevel, ClockKind, Colour, VerificationRule } from '../modules/categories/categories.tables.js';
import type { UnitKind } from '../platform/roles.js';
import type { Geometry } from '../modules/territory/index.js';

/** The committed reference data under `server/reference/` (see its README). */
export const referenceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference');

function readJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(referenceDir, ...parts), 'utf8')) as T;
}

export interface ReferenceTerritory {
  note: string;
  county: { code: string; name: string; geometry: Geometry };
  nodes: Array<{
    code: string;
    name: string;
    level: 'town' | 'village' | 'grid';
    parentCode: string;
    villageKind?: 'village' | 'community';
    gridKind?: 'basic' | 'special';
    specialType?: string;
    isGenerated?: boolean;
    geometry: Geometry;
  }>;
}

export interface ReferenceCategories {
  demandTypes: Array<{ code: string; nameZh: string; nameEn: string }>;
  groups: Array<{
    code: string;
    nameZh: string;
    nameEn: string;
    categories: Array<{
      code: string;
      nameZh: string;
      nameEn: string;
      colour: Colour;
      level: CaseLevel;
      respondMinutes: number;
      resolveHours: number;
      clock: ClockKind;
      verification: VerificationRule;
      defaultUnitCode: string | null;
    }>;
  }>;
}

export interface ReferenceUnit {
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
}

export interface DemoCase {
  description: string;
  categoryCode: string | null;
  demandType: 'inquiry' | 'help' | 'complaint' | 'suggestion';
  channel: 'resident_app' | 'visit' | 'patrol' | 'hotline' | 'sms' | 'email' | 'open311' | 'staff';
  reporterName: string | null;
  reporterPhone: string | null;
  isAnonymous: boolean;
  inJiangzhuang: boolean;
  journey: string[];
  daysAgo: number;
}

/** The phrase bank of the generated demo history (demo-history.ts; README "demo-history.json"). */
export interface DemoHistoryBank {
  placesUrban: string[];
  placesRural: string[];
  since: string[];
  openings: string[];
  closings: string[];
  /** Handling results by the category's verification rule. */
  results: Record<string, string[]>;
  /** Per 小类: relative frequency and texts with `{place}` and `{since}`. */
  categories: Record<string, { weight: number; texts: string[] }>;
}

export function hasReferenceTerritory(countyCode: string): boolean {
  return fs.existsSync(path.join(referenceDir, countyCode, 'territory.json'));
}

export const readReferenceTerritory = (countyCode: string) => readJson<ReferenceTerritory>(countyCode, 'territory.json');
export const readReferenceCategories = () => readJson<ReferenceCategories>('categories.json');
export const readReferenceUnits = () => readJson<ReferenceUnit[]>('units.json');
export const readDemoCases = () => readJson<DemoCase[]>('demo-cases.json');
export const readDemoHistoryBank = () => readJson<DemoHistoryBank>('demo-history.json');
