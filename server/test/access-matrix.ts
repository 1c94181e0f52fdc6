/**
 * The access matrix: every operation of the API, who may call it and what its path parameters point at.
 * `access-matrix.test.ts` drives each one as every demo role (and as nobody), in scope and out of scope,
 * with guessed ids, injection-shaped strings, broken and oversized bodies. A new route without an entry
 * here fails the test, so the matrix cannot fall behind the API.
 */
import { caseActions } from '../src/modules/cases/case-machine.js';
import type { Permission } from '../src/platform/roles.js';
import { classificationOperations } from './access-matrix-classification.js';
import { gridOperations, probeReason as reason } from './access-matrix-grid.js';

/** Things the fixture creates in 江庄村第一网格 (in scope for grid-worker, community, cadre, center, leader, admin). */
export interface Fixture {
  caseId: string;
  caseNumber: string;
  trackingCode: string;
  photoId: string;
  /** Another case in the same grid (merge target). */
  otherCaseId: string;
  gridId: string;
  gridCode: string;
  villageCode: string;
  casePath: string;
  villagePath: string;
  /** An API key the admin made (revoked by the revoke probe). */
  apiKeyId: string;
  /** A grid worker of another grid (not a caller: the admin probes deactivate and reset it). */
  staffId: string;
  /** A county department (JW-CG). */
  unitId: string;
  /** A manual supervision notice on the fixture case, addressed to `community`. */
  noticeId: string;
  /** The fixture village's id (visit coverage, cadences, re-planning). */
  villageId: string;
  /** A household in the fixture grid for the visit probes, and a visit to it by grid-worker. */
  visitHouseholdId: string;
  visitId: string;
  /** A household in the fixture grid (contact cards). */
  householdId: string;
  /** A member of that household (the reveal probe). */
  householdMemberId: string;
  /** A validated household import by `community` (visible along 江庄村's chain). */
  householdImportId: string;
  /** One inbox notification per demo user (each reads only their own). */
  notificationIds: Record<string, string>;
  /** A webhook subscription over the fixture village (URL on a private address: pings are refused, no network). */
  webhookId: string;
  /** Another one, for the delete probe. */
  spareWebhookId: string;
  /** A dead delivery of `webhookId` (the replay probe). */
  webhookDeliveryId: string;
  /** The seeded 包联 assignment on the fixture grid (town_cadre). */
  assignmentId: string;
  /** The fixture village's town, and a seeded duty shift of it. */
  townCode: string;
  dutyShiftId: string;
  /** The demo cadre (of the fixture town): staff for assignment and duty probes. */
  cadreId: string;
  /** A hotline case with an address only, located at the fixture village, dispatched to the fixture grid; and its photo. */
  dispatchedCaseId: string;
  dispatchedPhotoId: string;
  /** A trained (candidate) category model. */
  modelId: string;
}

/**
 * What the path parameter points at, for scope:
 * - `case`: the fixture case — outside the caller's nodes (and not assigned to their unit) it does not exist;
 * - `territory`: the fixture village — visible to those above it (as a chain) and below it;
 * - `place`: the fixture village as the place of cases — as `territory`, and to those holding a case located in it
 *   (a department sees the outline of the cases dispatched to it);
 * - `within`: the fixture village as a whole — only for those whose nodes contain it (exports);
 * - `none`: not territory-scoped (public data, or the caller's own records).
 */
export type ScopeKind = 'case' | 'territory' | 'place' | 'within' | 'none';

export interface Operation {
  /**
   * `public`: no sign-in needed; `resident`: a resident's own session (every staff caller and nobody get 401);
   * otherwise the permission the caller's role must have.
   */
  access: 'public' | 'signed-in' | 'resident' | Permission;
  scope: ScopeKind;
  /** `session`: the caller's fresh sign-in, for `ownSession` operations (e.g. to sign that session out). */
  /** `caller`: the demo user calling (for records each person has their own of, e.g. notifications). */
  path(f: Fixture, session?: { id: string }, caller?: string): string;
  /** A body that passes validation (lifecycle actions may still meet their state/policy rules). */
  body?(f: Fixture, version: number): unknown;
  /** The case whose current version `body` gets (default: the fixture case). */
  versionOf?(f: Fixture): string;
  /** Not JSON (multipart or raw): skip the malformed-JSON probe. */
  raw?: boolean;
  /** A finer policy than the permission (lifecycle actions, self-only records): in scope it may also say 403/409/422. */
  policy?: boolean;
  /** Changes data: probed out of scope with a fingerprint of the database before and after. */
  writes?: boolean;
  /** Ends or changes the caller's sessions (logout…): called with a fresh sign-in, not the shared one. */
  ownSession?: boolean;
  /** Answers with personal data in clear by design (the logged reveal): left out of the leak check. */
  revealsPersonalData?: boolean;
}


/** A body every lifecycle action accepts (zod drops what an action does not use). */
function actionBody(f: Fixture, version: number) {
  return {
    version,
    reason,
    note: reason,
    result: '已处理完毕',
    target: { kind: 'grid', id: f.gridId },
    intoCaseId: f.otherCaseId,
    hours: 24,
    decision: 'approve',
    reviewDate: '2027-01-15',
    grade: 'routine',
    completed: true,
    rating: 'satisfied',
    method: 'phone',
  };
}

const caseActionOperations = Object.fromEntries(
  caseActions.map((action) => [
      `POST /api/v1/cases/{id}/actions/${action}`,
      { access: 'case:read', scope: 'case', policy: true, writes: true, path: (f: Fixture) => `/api/v1/cases/${f.caseId}/actions/${action}`, body: actionBody } satisfies Operation,
    ]),
);

export const operations: Record<string, Operation> = {
  'GET /api/openapi.json': { access: 'public', scope: 'none', path: () => '/api/openapi.json' },
  'GET /healthz': { access: 'public', scope: 'none', path: () => '/healthz' },

  // auth
  'POST /api/v1/auth/login': { access: 'public', scope: 'none', path: () => '/api/v1/auth/login', body: () => ({ username: 'leader', password: 'wangge-demo' }) },
  'POST /api/v1/auth/logout': { access: 'public', scope: 'none', ownSession: true, path: () => '/api/v1/auth/logout' },
  'GET /api/v1/auth/me': { access: 'case:read', scope: 'none', path: () => '/api/v1/auth/me' },
  'GET /api/v1/auth/sessions': { access: 'case:read', scope: 'none', path: () => '/api/v1/auth/sessions' },
  'DELETE /api/v1/auth/sessions/{id}': {
    access: 'case:read',
    scope: 'none',
    ownSession: true,
    path: (_f, session) => `/api/v1/auth/sessions/${session?.id ?? '0190a000-0000-7000-8000-000000000009'}`,
  },
  'POST /api/v1/auth/password': {
    access: 'case:read',
    scope: 'none',
    ownSession: true,
    policy: true,
    writes: true,
    path: () => '/api/v1/auth/password',
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'short' }),
  },

  // people
  'GET /api/v1/staff': { access: 'staff:read', scope: 'none', path: () => '/api/v1/staff' },
  'GET /api/v1/units': { access: 'case:read', scope: 'none', path: () => '/api/v1/units' },
  'POST /api/v1/units': {
    access: 'user:admin',
    scope: 'none',
    writes: true,
    policy: true,
    path: () => '/api/v1/units',
    body: () => ({ code: 'MATRIX-PROBE', name: '矩阵测试单位', kind: 'partner' }),
  },
  'PATCH /api/v1/units/{id}': { access: 'user:admin', scope: 'none', writes: true, policy: true, path: (f) => `/api/v1/units/${f.unitId}`, body: () => ({ version: 999 }) },

  // users and roles (administrators; the demo admin is county-wide, so everything is in scope)
  'GET /api/v1/users': { access: 'user:admin', scope: 'none', path: () => '/api/v1/users?limit=5' },
  'POST /api/v1/users': {
    access: 'user:admin',
    scope: 'none',
    writes: true,
    policy: true,
    path: () => '/api/v1/users',
    body: (f) => ({ username: 'matrix.probe', displayName: '矩阵测试', role: 'grid_worker', nodeCodes: [f.gridCode] }),
  },
  'GET /api/v1/users/{id}': { access: 'user:admin', scope: 'none', path: (f) => `/api/v1/users/${f.staffId}` },
  'PATCH /api/v1/users/{id}': { access: 'user:admin', scope: 'none', writes: true, policy: true, path: (f) => `/api/v1/users/${f.staffId}`, body: () => ({ version: 999 }) },
  'POST /api/v1/users/{id}/deactivate': { access: 'user:admin', scope: 'none', writes: true, path: (f) => `/api/v1/users/${f.staffId}/deactivate` },
  'POST /api/v1/users/{id}/reactivate': { access: 'user:admin', scope: 'none', writes: true, path: (f) => `/api/v1/users/${f.staffId}/reactivate` },
  'POST /api/v1/users/{id}/reset-password': { access: 'user:admin', scope: 'none', writes: true, path: (f) => `/api/v1/users/${f.staffId}/reset-password` },
  'GET /api/v1/roles': { access: 'user:admin', scope: 'none', path: () => '/api/v1/roles' },

  // territory
  'GET /api/v1/territories/locate': { access: 'public', scope: 'none', path: () => '/api/v1/territories/locate?lat=34.4989&lng=117.3713' },
  // Boundaries and names only: the base map of every page, the resident's included (territory-outlines.test.ts).
  'GET /api/v1/territories/outlines': { access: 'public', scope: 'none', path: () => '/api/v1/territories/outlines?level=village&zoom=12' },
  // Scoped by the caller's nodes, not by a path parameter: out of scope it finds nothing (territory.test.ts).
  'GET /api/v1/territories/search': { access: 'territory:read', scope: 'none', path: () => `/api/v1/territories/search?q=${encodeURIComponent('江庄村')}` },
  'GET /api/v1/territories/{code}': { access: 'territory:read', scope: 'place', path: (f) => `/api/v1/territories/${f.villageCode}` },
  'GET /api/v1/grids/export': { access: 'territory:read', scope: 'within', path: (f) => `/api/v1/grids/export?under=${f.villageCode}` },
  'POST /api/v1/grids/import': {
    access: 'grid:import',
    scope: 'none',
    writes: true,
    path: () => '/api/v1/grids/import?dryRun=true',
    body: () => ({ type: 'FeatureCollection', features: [] }),
  },

  // categories
  'GET /api/v1/categories': { access: 'public', scope: 'none', path: () => '/api/v1/categories' },
  'POST /api/v1/categories': {
    access: 'category:edit',
    scope: 'none',
    writes: true,
    path: () => '/api/v1/categories',
    body: () => ({ code: '0198', groupCode: '01', nameZh: '矩阵测试小类', nameEn: 'Matrix probe', colour: 'green', level: 'grid', respondMinutes: 15, resolveHours: 72, clock: 'continuous', verification: 'none' }),
  },
  'PATCH /api/v1/categories/{code}': { access: 'category:edit', scope: 'none', writes: true, policy: true, path: () => '/api/v1/categories/0105', body: () => ({ version: 999 }) },
  'POST /api/v1/category-groups': { access: 'category:edit', scope: 'none', writes: true, policy: true, path: () => '/api/v1/category-groups', body: () => ({ code: '01', nameZh: '重复', nameEn: 'Duplicate' }) },
  'PATCH /api/v1/category-groups/{code}': { access: 'category:edit', scope: 'none', writes: true, policy: true, path: () => '/api/v1/category-groups/01', body: () => ({ version: 999 }) },

  // holiday calendar (modules/calendar): every staff member reads it, admins (calendar:edit) change it
  'GET /api/v1/calendar/status': { access: 'case:read', scope: 'none', path: () => '/api/v1/calendar/status' },
  'GET /api/v1/calendar/days': { access: 'case:read', scope: 'none', path: () => '/api/v1/calendar/days?year=2026' },
  'PUT /api/v1/calendar/days/{date}': { access: 'calendar:edit', scope: 'none', writes: true, path: () => '/api/v1/calendar/days/2030-01-01', body: () => ({ kind: 'holiday', nameZh: '矩阵测试假日' }) },
  'DELETE /api/v1/calendar/days/{date}': { access: 'calendar:edit', scope: 'none', writes: true, path: () => '/api/v1/calendar/days/2030-01-01' },
  'POST /api/v1/calendar/import': {
    access: 'calendar:edit',
    scope: 'none',
    writes: true,
    path: () => '/api/v1/calendar/import',
    body: () => ({ csv: 'date,kind,name\n2030-01-01,holiday,元旦\n', dryRun: true }),
  },
  'GET /api/v1/calendar/export': { access: 'case:read', scope: 'none', raw: true, path: () => '/api/v1/calendar/export?year=2026' },

  // deadline policies (modules/deadlines): read by all staff, edited with category:edit; probes hit the seeded green-grid rule with a stale version
  'GET /api/v1/deadline-policies': { access: 'case:read', scope: 'none', path: () => '/api/v1/deadline-policies' },
  'GET /api/v1/deadline-policies/resolve': { access: 'case:read', scope: 'none', path: () => '/api/v1/deadline-policies/resolve?categoryCode=0105&colour=green&level=grid' },
  'POST /api/v1/deadline-policies': {
    access: 'category:edit',
    scope: 'none',
    writes: true,
    policy: true,
    path: () => '/api/v1/deadline-policies',
    body: () => ({ categoryCode: null, colour: 'green', level: 'grid', respondMinutes: 15, resolveMinutes: 60, clock: 'continuous' }),
  },
  'PATCH /api/v1/deadline-policies/{id}': {
    access: 'category:edit',
    scope: 'none',
    writes: true,
    policy: true,
    path: () => '/api/v1/deadline-policies/0190f000-0000-7000-8000-00000000d001',
    body: () => ({ version: 999 }),
  },
  'DELETE /api/v1/deadline-policies/{id}': { access: 'category:edit', scope: 'none', writes: true, policy: true, path: () => '/api/v1/deadline-policies/0190f000-0000-7000-8000-00000000d001?version=999' },

  // cases
  'POST /api/v1/cases': {
    access: 'public',
    policy: true,
    scope: 'none',
    writes: true,
    path: () => '/api/v1/cases',
    body: (f) => ({ channel: 'resident_app', description: '矩阵测试：路灯不亮', demandType: 'help', location: { gridCode: f.gridCode }, isAnonymous: true }),
  },
  'GET /api/v1/cases': { access: 'case:read', scope: 'none', path: () => '/api/v1/cases?limit=5' },
  'GET /api/v1/cases/{id}': { access: 'case:read', scope: 'case', path: (f) => `/api/v1/cases/${f.caseId}` },
  'GET /api/v1/cases/statuses': { access: 'case:read', scope: 'none', path: () => '/api/v1/cases/statuses' },
  'GET /api/v1/cases/abilities': { access: 'case:read', scope: 'none', path: () => '/api/v1/cases/abilities' },
  ...caseActionOperations,
  'GET /api/v1/track/{number}': { access: 'public', scope: 'none', path: (f) => `/api/v1/track/${f.caseNumber}?code=${f.trackingCode}` },

  // whistles, urges, ratings, follow-ups (modules/whistles)
  'GET /api/v1/cases/{id}/loop': { access: 'case:read', scope: 'case', path: (f) => `/api/v1/cases/${f.caseId}/loop` },
  'GET /api/v1/whistle-settings': { access: 'case:read', scope: 'none', path: () => '/api/v1/whistle-settings' },
  'PUT /api/v1/whistle-settings/{grade}': {
    access: 'category:edit',
    scope: 'none',
    writes: true,
    policy: true,
    path: () => '/api/v1/whistle-settings/raised',
    body: () => ({ roles: ['community_staff', 'center_operator'], windowMinutes: 1440, clock: 'continuous', version: 999 }),
  },
  'PUT /api/v1/rating-settings/{scope}': {
    access: 'category:edit',
    scope: 'none',
    writes: true,
    policy: true,
    path: () => '/api/v1/rating-settings/default',
    body: () => ({ reopenOnDissatisfied: true, version: 999 }),
  },
  // The fixture case is open: a rating answers 409 (rated only once handled/closed).
  'POST /api/v1/track/{number}/rating': {
    access: 'public',
    scope: 'none',
    writes: true,
    policy: true,
    path: (f) => `/api/v1/track/${f.caseNumber}/rating`,
    body: (f) => ({ code: f.trackingCode, rating: 'satisfied' }),
  },

  // photos
  'POST /api/v1/photos': { access: 'public', scope: 'none', raw: true, writes: true, path: () => '/api/v1/photos' },
  'GET /api/v1/cases/{id}/photos/{photoId}': { access: 'case:read', scope: 'case', raw: true, path: (f) => `/api/v1/cases/${f.caseId}/photos/${f.photoId}` },
  'GET /api/v1/track/{number}/photos/{photoId}': {
    access: 'public',
    scope: 'none',
    raw: true,
    path: (f) => `/api/v1/track/${f.caseNumber}/photos/${f.photoId}?code=${f.trackingCode}`,
  },

  // privacy
  'POST /api/v1/cases/{id}/reporter/reveal': {
    access: 'pii:read',
    scope: 'case',
    writes: true,
    revealsPersonalData: true,
    path: (f) => `/api/v1/cases/${f.caseId}/reporter/reveal`,
    body: () => ({ reason }),
  },
  'GET /api/v1/privacy/reveals': { access: 'audit:read', scope: 'none', path: () => '/api/v1/privacy/reveals' },
  'GET /api/v1/audit': { access: 'audit:read', scope: 'none', path: () => '/api/v1/audit' },
  'GET /api/v1/audit/verify': { access: 'audit:read', scope: 'none', path: () => '/api/v1/audit/verify' },
  'POST /api/v1/privacy/erasures': {
    access: 'pii:erase',
    scope: 'none',
    writes: true,
    path: () => '/api/v1/privacy/erasures',
    body: () => ({ phone: '13900000000', reason, dryRun: true }),
  },

  // residents (staff sessions are not resident sessions: 401)
  'POST /api/v1/resident/otp': { access: 'public', scope: 'none', writes: true, path: () => '/api/v1/resident/otp', body: () => ({ phone: '13700009999' }) },
  'POST /api/v1/resident/login': { access: 'public', scope: 'none', path: () => '/api/v1/resident/login', body: () => ({ phone: '1370000', code: '000000' }) },
  'GET /api/v1/resident/me': { access: 'resident', scope: 'none', path: () => '/api/v1/resident/me' },
  'POST /api/v1/resident/logout': { access: 'public', scope: 'none', ownSession: true, path: () => '/api/v1/resident/logout' },
  'GET /api/v1/resident/cases': { access: 'resident', scope: 'none', path: () => '/api/v1/resident/cases' },
  'GET /api/v1/resident/cases/{id}': { access: 'resident', scope: 'none', path: (f) => `/api/v1/resident/cases/${f.caseId}` },
  'POST /api/v1/resident/cases/{id}/rating': {
    access: 'resident',
    scope: 'none',
    writes: true,
    policy: true,
    path: (f) => `/api/v1/resident/cases/${f.caseId}/rating`,
    body: () => ({ rating: 'satisfied' }),
  },

  // duplicates and following (modules/duplicates)
  'GET /api/v1/duplicates/rules': { access: 'category:edit', scope: 'none', path: () => '/api/v1/duplicates/rules' },
  'PUT /api/v1/duplicates/rules': {
    access: 'category:edit',
    scope: 'none',
    writes: true,
    policy: true,
    path: () => '/api/v1/duplicates/rules',
    body: () => ({ version: 999, county: { radiusM: 250, windowDays: 30 }, categories: [] }),
  },
  // Anyone may ask before reporting; staff get their scope only, others masked close matches (duplicates.test.ts).
  'POST /api/v1/cases/similar': {
    access: 'public',
    scope: 'none',
    path: () => '/api/v1/cases/similar',
    body: () => ({ description: '矩阵测试：路灯不亮', lat: 34.4975, lng: 117.373 }),
  },
  'GET /api/v1/cases/{id}/duplicates': { access: 'case:read', scope: 'case', path: (f) => `/api/v1/cases/${f.caseId}/duplicates` },
  'GET /api/v1/cases/{id}/followers': { access: 'case:read', scope: 'case', path: (f) => `/api/v1/cases/${f.caseId}/followers` },
  // Scoped by the caller's cases, not by a path parameter: out of scope the ids are left out.
  'POST /api/v1/duplicates/flags': { access: 'case:read', scope: 'none', path: () => '/api/v1/duplicates/flags', body: (f) => ({ caseIds: [f.caseId] }) },
  'POST /api/v1/cases/{id}/follow': { access: 'resident', scope: 'none', writes: true, policy: true, path: (f) => `/api/v1/cases/${f.caseId}/follow` },
  'DELETE /api/v1/cases/{id}/follow': { access: 'resident', scope: 'none', writes: true, policy: true, path: (f) => `/api/v1/cases/${f.caseId}/follow` },
  'POST /api/v1/cases/{id}/follow/rating': {
    access: 'resident',
    scope: 'none',
    writes: true,
    policy: true,
    path: (f) => `/api/v1/cases/${f.caseId}/follow/rating`,
    body: () => ({ rating: 'satisfied' }),
  },
  'GET /api/v1/resident/follows': { access: 'resident', scope: 'none', path: () => '/api/v1/resident/follows' },

  // integrations
  'POST /api/v1/api-keys': {
    access: 'apikey:admin',
    scope: 'none',
    writes: true,
    path: () => '/api/v1/api-keys',
    body: (f) => ({ name: '矩阵测试密钥', permissions: ['case:read'], nodeCodes: [f.villageCode] }),
  },
  'GET /api/v1/api-keys': { access: 'apikey:admin', scope: 'none', path: () => '/api/v1/api-keys' },
  'GET /api/v1/api-keys/{id}': { access: 'apikey:admin', scope: 'none', path: (f) => `/api/v1/api-keys/${f.apiKeyId}` },
  'POST /api/v1/api-keys/{id}/revoke': { access: 'apikey:admin', scope: 'none', writes: true, path: (f) => `/api/v1/api-keys/${f.apiKeyId}/revoke` },

  // Households, contact cards, supervision notices, notifications, webhooks, visits, assignments, duty roster.
  ...gridOperations,

  // 智能分拨: suggestion models, settings, a case's suggestion, the forms' hint.
  ...classificationOperations,

  // Keep this one last: it ends every session of each caller, the shared sign-ins of the tests above too.
  'POST /api/v1/auth/logout-everywhere': { access: 'case:read', scope: 'none', ownSession: true, path: () => '/api/v1/auth/logout-everywhere' },
};
