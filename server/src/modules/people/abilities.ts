import { rolePermissions, type Permission, type Role } from '../../platform/roles.js';

/**
 * What a signed-in staff member may open, computed from the role's permissions (roles.ts) so the web app
 * shows menus and pages from the server's policy instead of its own list of role names. Each page needs
 * the permission its own API requires; opening it without one would only show 403s.
 */
export const consolePages = {
  home: 'case:read',
  cases: 'case:read',
  'cases/new': 'case:create',
  map: 'case:read',
  supervision: 'case:read',
  account: 'case:read',
  'notification-settings': 'case:read',
  'visit-coverage': 'visit:read',
  'visit-cadences': 'visit:plan',
  'contact-cards': 'staff:read',
  assignments: 'staff:read',
  'assignment-coverage': 'staff:read',
  duty: 'staff:read',
  households: 'household:read',
  'household-import': 'household:import',
  territory: 'grid:import',
  'grid-import': 'grid:import',
  users: 'user:admin',
  units: 'user:admin',
  roles: 'user:admin',
  categories: 'category:edit',
  'deadline-policies': 'category:edit',
  'whistle-settings': 'category:edit',
  'duplicate-rules': 'category:edit',
  calendar: 'calendar:edit',
  webhooks: 'webhook:admin',
  'api-keys': 'apikey:admin',
  classification: 'classification:admin',
  audit: 'audit:read',
  privacy: ['audit:read', 'pii:erase'],
} as const satisfies Record<string, Permission | readonly Permission[]>;
export type ConsolePage = keyof typeof consolePages;

/** Grid workers and cadres work in the field: their app is the phone one (我的任务); everyone else's the console. */
const phoneRoles: readonly Role[] = ['grid_worker', 'cadre'];

export interface Abilities {
  pages: ConsolePage[];
  workspace: 'console' | 'phone';
}

/** The console pages a role may open (a page listing several permissions needs any one of them) and where it works. */
export function abilitiesOf(role: Role): Abilities {
  const held = new Set<Permission>(rolePermissions[role]);
  const pages = (Object.keys(consolePages) as ConsolePage[]).filter((page) => {
    const needed: Permission | readonly Permission[] = consolePages[page];
    return typeof needed === 'string' ? held.has(needed) : needed.some((p) => held.has(p));
  });
  return { pages, workspace: phoneRoles.includes(role) ? 'phone' : 'console' };
}
