import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { ClockKind } from '../categories/categories.tables.js';
import type { Role } from '../../platform/roles.js';
import { ratingSettings, whistleGrades, whistleSettings, type WhistleGrade } from './whistles.tables.js';

export interface GradeSetting {
  grade: WhistleGrade;
  roles: Role[];
  windowMinutes: number;
  clock: ClockKind;
  version: number;
  /** False while the DOMAIN default is in force (no row saved yet). */
  customised: boolean;
}

/**
 * DOMAIN.md "Whistle and report": 基础哨 4 h of working time, by grid workers, cadres, community
 * and centers; 提升哨 24 h by community and centers; 应急哨 30 min on a continuous clock, by the
 * center ("街道吹哨、部门报到"). Rows in whistle_settings override these per grade.
 */
export const defaultGradeSettings: Record<WhistleGrade, Omit<GradeSetting, 'grade' | 'version' | 'customised'>> = {
  routine: { roles: ['grid_worker', 'cadre', 'community_staff', 'center_operator'], windowMinutes: 240, clock: 'working_hours' },
  raised: { roles: ['community_staff', 'center_operator'], windowMinutes: 24 * 60, clock: 'continuous' },
  emergency: { roles: ['center_operator'], windowMinutes: 30, clock: 'continuous' },
};

export async function gradeSettings(db: Database): Promise<Record<WhistleGrade, GradeSetting>> {
  const rows = await db.select().from(whistleSettings);
  const byGrade = new Map(rows.map((r) => [r.grade, r]));
  return Object.fromEntries(
    whistleGrades.map((grade) => {
      const row = byGrade.get(grade);
      const setting: GradeSetting = row
        ? { grade, roles: row.roles as Role[], windowMinutes: row.windowMinutes, clock: row.clock, version: row.version, customised: true }
        : { grade, ...defaultGradeSettings[grade], version: 0, customised: false };
      return [grade, setting];
    }),
  ) as Record<WhistleGrade, GradeSetting>;
}

/** Roles that may blow at least one grade (the policy's first check). */
export async function rolesThatMayWhistle(db: Database): Promise<Role[]> {
  const settings = await gradeSettings(db);
  return [...new Set(whistleGrades.flatMap((g) => settings[g].roles))];
}

/** Whether 不满意 reopens a case of this category: its override, else the `*` default, else yes. */
export async function reopensOnDissatisfied(db: Database, categoryCode: string | null): Promise<boolean> {
  const rows = await db.select().from(ratingSettings);
  const byScope = new Map(rows.map((r) => [r.scope, r.reopenOnDissatisfied]));
  return (categoryCode ? byScope.get(categoryCode) : undefined) ?? byScope.get('*') ?? true;
}

export async function ratingSettingRows(db: Database) {
  const rows = await db.select().from(ratingSettings).orderBy(ratingSettings.scope);
  const hasDefault = rows.some((r) => r.scope === '*');
  return {
    reopenOnDissatisfied: rows.find((r) => r.scope === '*')?.reopenOnDissatisfied ?? true,
    version: rows.find((r) => r.scope === '*')?.version ?? 0,
    customised: hasDefault,
    categories: rows.filter((r) => r.scope !== '*').map((r) => ({ categoryCode: r.scope, reopenOnDissatisfied: r.reopenOnDissatisfied, version: r.version })),
  };
}

export async function findRatingSetting(db: Database, scope: string) {
  const [row] = await db.select().from(ratingSettings).where(eq(ratingSettings.scope, scope)).limit(1);
  return row;
}
