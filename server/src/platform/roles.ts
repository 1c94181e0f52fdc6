/** The roles of DOMAIN.md ("Who uses it"). Residents are not staff accounts. */
export const roles = [
  'grid_worker',
  'cadre',
  'community_staff',
  'center_operator',
  'department_staff',
  'leader',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const unitKinds = ['department', 'office', 'community', 'partner'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  cadre: { zh: '下沉干部', en: 'Cadre' },
  community_staff: { zh: '村(社区)干部', en: 'Community staff' },
  center_operator: { zh: '镇(街道)治理中心', en: 'Town center operator' },
  department_staff: { zh: '职能部门', en: 'Department staff' },
  leader: { zh: '领导', en: 'Leader' },
  admin: { zh: '管理员', en: 'Administrator' },
};

/**
 * Coarse permissions per role; lifecycle actions have their own finer table in cases/cases.policy.ts.
 * `pii:read` lets a role reveal a masked name or phone — always with a reason, always logged.
 */
export const permissions = [
  'case:create',
  'case:read',
  'territory:read',
  'grid:import',
  'category:edit',
  'staff:read',
  'user:admin',
  'apikey:admin',
  'audit:read',
  'pii:read',
  /** Erase a person's personal data on request (PIPL); see modules/privacy. */
  'pii:erase',
  /** Manage 包联 assignments under one's nodes (modules/assignments). */
  'assignment:admin',
  /** Manage a town's duty roster 值班表 (modules/duty). */
  'duty:admin',
  /** Household registry (modules/households): read masked, edit by hand, import files. */
  'household:read',
  'household:edit',
  'household:import',
  /** Edit the statutory holiday calendar (modules/calendar); everyone signed in reads it. */
  'calendar:edit',
  /** Outgoing webhooks: subscriptions, delivery log, replay (modules/notifications). */
  'webhook:admin',
  /** Visits (modules/visits): record visits in one's assignments; read lists and coverage; set cadences and re-plan. */
  'visit:record',
  'visit:read',
  'visit:plan',
  /** Category and route suggestion (modules/classification): train, evaluate, switch models on and off, set the threshold. */
  'classification:admin',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  grid_worker: ['case:create', 'case:read', 'territory:read', 'staff:read', 'household:read', 'household:edit', 'visit:record', 'visit:read'],
  cadre: ['case:create', 'case:read', 'territory:read', 'staff:read', 'household:read', 'visit:record', 'visit:read'],
  community_staff: ['case:create', 'case:read', 'territory:read', 'staff:read', 'pii:read', 'household:read', 'household:edit', 'household:import', 'visit:record', 'visit:read'],
  center_operator: ['case:create', 'case:read', 'territory:read', 'staff:read', 'pii:read', 'assignment:admin', 'duty:admin', 'household:read', 'household:edit', 'household:import', 'visit:read', 'visit:plan'],
  department_staff: ['case:read', 'territory:read'],
  leader: ['case:read', 'territory:read', 'staff:read', 'household:read', 'visit:read'],
  admin: ['case:create', 'case:read', 'territory:read', 'grid:import', 'category:edit', 'staff:read', 'user:admin', 'apikey:admin', 'audit:read', 'pii:erase', 'assignment:admin', 'duty:admin', 'household:read', 'household:edit', 'household:import', 'calendar:edit', 'webhook:admin', 'visit:read', 'visit:plan', 'classification:admin'],
};
