/** The committed reference files in server/reference/, for the check scripts: the server's own types and readers. */
import type { CaseLevel, Colour } from '../../server/src/modules/categories/categories.tables.js';
import {
  readDemoCases,
  readReferenceCategories,
  readReferenceUnits,
  referenceDir,
  type DemoCase,
  type ReferenceCategories,
  type ReferenceUnit,
} from '../../server/src/seed/reference-files.js';

export type { Colour, DemoCase };
export type Level = CaseLevel;
export type CategoriesFile = ReferenceCategories;
export type Category = ReferenceCategories['groups'][number]['categories'][number];
export type Unit = ReferenceUnit;
export { referenceDir };

export function loadReference(): { categories: CategoriesFile; units: Unit[] } {
  return { categories: readReferenceCategories(), units: readReferenceUnits() };
}

export const loadDemoCases = readDemoCases;
