/**
 * The access matrix's entries for the people-in-the-grid and closing-the-loop routes: households,
 * contact cards, supervision notices, notifications, webhooks, visits, assignments and the duty roster.
 * `access-matrix.ts` (types, fixture, the other routes) spreads them in; its header says what each field means.
 */
import type { Operation } from './access-matrix.js';

/** The text every probe writes into reasons and notes. */
export const probeReason = '矩阵测试：越权与注入探测';
const reason = probeReason;

export const gridOperations: Record<string, Operation> = {
  // households (户籍台账): the registry in scope; imports seen along the importer's territory chain
  'GET /api/v1/households': { access: 'household:read', scope: 'none', path: () => '/api/v1/households?tag=dibao&q=%E8%B7%AF' },
  'POST /api/v1/households': {
    access: 'household:edit',
    scope: 'none',
    policy: true,
    writes: true,
    path: () => '/api/v1/households',
    body: (f) => ({ gridCode: f.gridCode, address: '矩阵测试新户', members: [{ name: '矩阵户主', relation: 'head', tags: [] }] }),
  },
  'GET /api/v1/households/{id}': { access: 'household:read', scope: 'case', path: (f) => `/api/v1/households/${f.householdId}` },
  'PATCH /api/v1/households/{id}': { access: 'household:edit', scope: 'case', policy: true, writes: true, path: (f) => `/api/v1/households/${f.householdId}`, body: () => ({ version: 1, tags: ['dibao'] }) },
  'PUT /api/v1/households/{id}/location': { access: 'household:edit', scope: 'case', policy: true, writes: true, path: (f) => `/api/v1/households/${f.householdId}/location`, body: () => ({ version: 999, lat: 34.3, lng: 117.5 }) },
  'POST /api/v1/households/{id}/deactivate': { access: 'household:edit', scope: 'case', policy: true, writes: true, path: (f) => `/api/v1/households/${f.householdId}/deactivate`, body: () => ({ version: 999 }) },
  'POST /api/v1/households/{id}/members/{memberId}/reveal': {
    access: 'pii:read',
    scope: 'case',
    writes: true,
    revealsPersonalData: true,
    path: (f) => `/api/v1/households/${f.householdId}/members/${f.householdMemberId}/reveal`,
    body: () => ({ reason, fields: ['phone'] }),
  },
  'GET /api/v1/household-imports/template.csv': { access: 'household:import', scope: 'none', raw: true, path: () => '/api/v1/household-imports/template.csv' },
  'POST /api/v1/household-imports': { access: 'household:import', scope: 'none', raw: true, writes: true, policy: true, path: () => '/api/v1/household-imports' },
  'GET /api/v1/household-imports': { access: 'household:import', scope: 'none', path: () => '/api/v1/household-imports' },
  'GET /api/v1/household-imports/{id}': { access: 'household:import', scope: 'territory', path: (f) => `/api/v1/household-imports/${f.householdImportId}` },
  'POST /api/v1/household-imports/{id}/validate': {
    access: 'household:import',
    scope: 'territory',
    policy: true,
    writes: true,
    path: (f) => `/api/v1/household-imports/${f.householdImportId}/validate`,
    body: () => ({ mapping: { grid: 0, address: 1, name: 2 } }),
  },
  'POST /api/v1/household-imports/{id}/apply': { access: 'household:import', scope: 'territory', policy: true, writes: true, path: (f) => `/api/v1/household-imports/${f.householdImportId}/apply` },
  'GET /api/v1/household-imports/{id}/report.csv': { access: 'household:import', scope: 'territory', raw: true, path: (f) => `/api/v1/household-imports/${f.householdImportId}/report.csv` },

  // contact cards (党群联系卡): PDFs for staff in scope (the village batch only for those over the whole village); the JSON card is public
  'GET /api/v1/contact-cards/grids/{gridCode}.pdf': { access: 'staff:read', scope: 'territory', raw: true, path: (f) => `/api/v1/contact-cards/grids/${f.gridCode}.pdf` },
  'GET /api/v1/contact-cards/villages/{villageCode}.pdf': { access: 'staff:read', scope: 'within', raw: true, path: (f) => `/api/v1/contact-cards/villages/${f.villageCode}.pdf` },
  'GET /api/v1/contact-cards/households/{id}.pdf': { access: 'household:read', scope: 'territory', raw: true, path: (f) => `/api/v1/contact-cards/households/${f.householdId}.pdf` },
  'GET /api/v1/public/contact-cards/{gridCode}': { access: 'public', scope: 'none', path: (f) => `/api/v1/public/contact-cards/${f.gridCode}` },

  // supervision notices (督办单): on cases in scope; acknowledged by addressees, issued by hand by leaders and centers
  // 我的任务: what the caller can act on now (cases, whistles, notices, today's visits)
  'GET /api/v1/me/tasks': { access: 'case:read', scope: 'none', path: () => '/api/v1/me/tasks' },
  'GET /api/v1/supervision-notices': { access: 'case:read', scope: 'none', path: () => '/api/v1/supervision-notices' },
  'POST /api/v1/supervision-notices': {
    access: 'case:read',
    scope: 'case',
    policy: true,
    writes: true,
    path: () => '/api/v1/supervision-notices',
    body: (f) => ({ caseId: f.caseId, note: reason }),
  },
  'GET /api/v1/supervision-notices/{id}': { access: 'case:read', scope: 'case', path: (f) => `/api/v1/supervision-notices/${f.noticeId}` },
  'POST /api/v1/supervision-notices/{id}/acknowledge': {
    access: 'case:read',
    scope: 'case',
    policy: true,
    writes: true,
    path: (f) => `/api/v1/supervision-notices/${f.noticeId}/acknowledge`,
    body: () => ({ reply: reason }),
  },
  'GET /api/v1/supervision-notices/{id}/print': { access: 'case:read', scope: 'case', raw: true, path: (f) => `/api/v1/supervision-notices/${f.noticeId}/print` },
  'GET /api/v1/cases/{id}/supervision-notices': { access: 'case:read', scope: 'case', path: (f) => `/api/v1/cases/${f.caseId}/supervision-notices` },

  // notifications: one's own inbox, stream and channel choices (every signed-in staff member)
  'GET /api/v1/notifications': { access: 'case:read', scope: 'none', path: () => '/api/v1/notifications?limit=5' },
  'POST /api/v1/notifications/{id}/read': {
    access: 'case:read',
    scope: 'none',
    writes: true,
    path: (f, _session, caller) => `/api/v1/notifications/${f.notificationIds[caller ?? 'admin'] ?? f.notificationIds['admin']}/read`,
  },
  'POST /api/v1/notifications/read-all': { access: 'case:read', scope: 'none', writes: true, path: () => '/api/v1/notifications/read-all' },
  'GET /api/v1/notifications/stream': { access: 'case:read', scope: 'none', path: () => '/api/v1/notifications/stream?maxSeconds=0' },
  'GET /api/v1/notifications/preferences': { access: 'case:read', scope: 'none', path: () => '/api/v1/notifications/preferences' },
  'PUT /api/v1/notifications/preferences': {
    access: 'case:read',
    scope: 'none',
    writes: true,
    path: () => '/api/v1/notifications/preferences',
    body: () => ({ items: [{ eventType: 'case.urged', channels: ['in_app'] }] }),
  },

  // webhooks (webhook:admin; subscriptions under the administrator's nodes)
  'POST /api/v1/webhooks': {
    access: 'webhook:admin',
    scope: 'none',
    writes: true,
    path: () => '/api/v1/webhooks',
    body: (f) => ({ name: '矩阵测试订阅', url: 'https://203.0.113.10/hook', eventTypes: ['case.dispatched'], nodeCodes: [f.villageCode] }),
  },
  'GET /api/v1/webhooks': { access: 'webhook:admin', scope: 'none', path: () => '/api/v1/webhooks' },
  'GET /api/v1/webhooks/{id}': { access: 'webhook:admin', scope: 'none', path: (f) => `/api/v1/webhooks/${f.webhookId}` },
  'PATCH /api/v1/webhooks/{id}': { access: 'webhook:admin', scope: 'none', writes: true, policy: true, path: (f) => `/api/v1/webhooks/${f.webhookId}`, body: () => ({ version: 999 }) },
  'DELETE /api/v1/webhooks/{id}': { access: 'webhook:admin', scope: 'none', writes: true, path: (f) => `/api/v1/webhooks/${f.spareWebhookId}` },
  'POST /api/v1/webhooks/{id}/ping': { access: 'webhook:admin', scope: 'none', writes: true, path: (f) => `/api/v1/webhooks/${f.webhookId}/ping` },
  'GET /api/v1/webhook-deliveries': { access: 'webhook:admin', scope: 'none', path: () => '/api/v1/webhook-deliveries?status=dead' },
  'POST /api/v1/webhook-deliveries/{id}/replay': {
    access: 'webhook:admin',
    scope: 'none',
    writes: true,
    policy: true,
    path: (f) => `/api/v1/webhook-deliveries/${f.webhookDeliveryId}/replay`,
  },

  // visits (走访/民情日记): visitors in their area (a household in the fixture grid); coverage, cadences and re-planning over the fixture village
  'GET /api/v1/visits/today': { access: 'visit:record', scope: 'none', path: () => '/api/v1/visits/today' },
  'GET /api/v1/visits': { access: 'visit:read', scope: 'none', path: () => '/api/v1/visits?limit=5' },
  'GET /api/v1/visits/households/{id}': { access: 'visit:read', scope: 'case', path: (f) => `/api/v1/visits/households/${f.visitHouseholdId}` },
  'POST /api/v1/visits': {
    access: 'visit:record',
    scope: 'case',
    writes: true,
    path: () => '/api/v1/visits',
    body: (f) => ({ clientId: 'matrix-visit-0001', householdId: f.visitHouseholdId, visitedAt: new Date().toISOString(), notes: reason, raised: [reason] }),
  },
  'POST /api/v1/visits/{id}/cases': { access: 'visit:record', scope: 'case', writes: true, path: (f) => `/api/v1/visits/${f.visitId}/cases`, body: () => ({ description: reason, demandType: 'help' }) },
  'GET /api/v1/visits/coverage': { access: 'visit:read', scope: 'within', path: (f) => `/api/v1/visits/coverage?node=${f.villageId}` },
  'GET /api/v1/visits/cadences': { access: 'visit:read', scope: 'none', path: () => '/api/v1/visits/cadences' },
  'PUT /api/v1/visits/cadences': {
    access: 'visit:plan',
    scope: 'within',
    policy: true,
    writes: true,
    path: () => '/api/v1/visits/cadences',
    body: (f) => ({ nodeId: f.villageId, householdsPerDay: 7, cycleDays: 60, workingDaysOnly: true }),
  },
  'POST /api/v1/visits/plans/replan': { access: 'visit:plan', scope: 'within', writes: true, path: () => '/api/v1/visits/plans/replan', body: (f) => ({ nodeId: f.villageId }) },

  // assignments (包联/包挂): read with staff:read under one's nodes, managed with assignment:admin
  'GET /api/v1/assignments': { access: 'staff:read', scope: 'none', path: (f) => `/api/v1/assignments?node=${f.villageCode}&history=true` },
  'POST /api/v1/assignments': {
    access: 'assignment:admin',
    scope: 'case',
    policy: true,
    writes: true,
    path: () => '/api/v1/assignments',
    body: (f) => ({ staffId: f.cadreId, nodeCode: f.gridCode, tier: 'village_member', startsOn: '2027-01-01' }),
  },
  'POST /api/v1/assignments/import': {
    access: 'assignment:admin',
    scope: 'none',
    path: () => '/api/v1/assignments/import',
    body: (f) => ({ csv: `username,node_code,tier,starts_on,ends_on\ncadre,${f.gridCode},town_leader,2027-01-01,2027-01-31\n`, dryRun: true }),
  },
  'GET /api/v1/assignments/coverage': { access: 'staff:read', scope: 'within', path: (f) => `/api/v1/assignments/coverage?node=${f.villageCode}` },
  'GET /api/v1/assignments/ladder': { access: 'staff:read', scope: 'case', path: (f) => `/api/v1/assignments/ladder?node=${f.gridCode}` },
  'GET /api/v1/assignments/{id}': { access: 'staff:read', scope: 'case', path: (f) => `/api/v1/assignments/${f.assignmentId}` },
  'PATCH /api/v1/assignments/{id}': { access: 'assignment:admin', scope: 'case', policy: true, writes: true, path: (f) => `/api/v1/assignments/${f.assignmentId}`, body: () => ({ version: 999, note: reason }) },
  'POST /api/v1/assignments/{id}/end': { access: 'assignment:admin', scope: 'case', policy: true, writes: true, path: (f) => `/api/v1/assignments/${f.assignmentId}/end`, body: () => ({ version: 999 }) },

  // duty roster (值班表): read along the town's chain, edited with duty:admin over the town
  'GET /api/v1/duty-shifts': { access: 'staff:read', scope: 'territory', path: (f) => `/api/v1/duty-shifts?town=${f.townCode}&from=2026-11-16&to=2026-11-29` },
  'GET /api/v1/duty-shifts/on-duty': { access: 'staff:read', scope: 'territory', path: (f) => `/api/v1/duty-shifts/on-duty?town=${f.townCode}` },
  'POST /api/v1/duty-shifts': {
    access: 'duty:admin',
    scope: 'within',
    policy: true,
    writes: true,
    path: () => '/api/v1/duty-shifts',
    body: (f) => ({ townCode: f.townCode, staffId: f.cadreId, startsAt: '2027-06-07T08:30:00+08:00', endsAt: '2027-06-07T17:30:00+08:00' }),
  },
  'POST /api/v1/duty-shifts/copy-week': { access: 'duty:admin', scope: 'within', writes: true, path: () => '/api/v1/duty-shifts/copy-week', body: (f) => ({ townCode: f.townCode, fromWeek: '2027-06-07', toWeek: '2027-06-14' }) },
  'DELETE /api/v1/duty-shifts/{id}': { access: 'duty:admin', scope: 'within', writes: true, path: (f) => `/api/v1/duty-shifts/${f.dutyShiftId}` },
};
