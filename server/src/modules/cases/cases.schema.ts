import { z } from 'zod';
import { caseLevels, colours } from '../categories/categories.tables.js';
import { crsValues } from '../territory/index.js';
import { caseActions, caseStatuses, type CaseAction } from './case-machine.js';
import { channels } from './cases.tables.js';
import { photoIdList, photoRefView } from './case-photos.schema.js';
import { maxFreeText, multilineInput, textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';

export const demandTypeCodes = ['inquiry', 'help', 'complaint', 'suggestion'] as const;

const phone = textInput().trim().regex(/^1[3-9]\d{9}$/, '请填写11位手机号码|must be an 11-digit mobile number');

export const caseLocationInput = z
  .object({
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    crs: z.enum(crsValues).default('wgs84'),
    gridCode: textInput().trim().min(1).max(40).optional(),
    address: textInput().trim().min(2).max(200).optional(),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), {
    message: '纬度和经度必须同时提供|lat and lng go together',
    path: ['lat'],
  })
  .describe('A point (lat/lng, with crs), a grid code, or an address; without any the case waits in the triage queue');

export const createCaseBody = z
  .object({
    channel: z.enum(channels),
    description: multilineInput().trim().min(5).max(maxFreeText),
    demandType: z.enum(demandTypeCodes),
    categoryCode: textInput().regex(/^\d{4}$/, '小类编码为四位数字|category code is four digits').optional(),
    location: caseLocationInput.optional(),
    reporter: z
      .object({ name: textInput().trim().min(1).max(50).optional(), phone: phone.optional() })
      .optional(),
    isAnonymous: z.boolean().default(false),
    photoIds: photoIdList(9).optional().describe('Photos uploaded with POST /api/v1/photos and not attached yet; they become the report’s photos'),
  })
  .refine((b) => !(b.isAnonymous && (b.reporter?.name || b.reporter?.phone)), {
    message: '匿名上报不能填写姓名或电话|an anonymous report carries no name or phone',
    path: ['reporter'],
  });
export type CreateCaseInput = z.infer<typeof createCaseBody>;

const version = versionInput().describe('The case version you read; a stale one gets 409');
const note = multilineInput().trim().max(1000).optional();
const reason = multilineInput().trim().min(2).max(1000);

export const actionBodies = {
  accept: z.object({
    version,
    note,
    categoryCode: textInput().regex(/^\d{4}$/, '小类编码为四位数字|category code is four digits').optional().describe('Set or correct the category; the deadlines follow it'),
    colour: z.enum(colours).optional(),
    location: caseLocationInput.optional().describe('Set or correct where the case is (a point or a grid/territory code) inside your territory'),
  }),
  reject: z.object({ version, reason }),
  merge: z.object({ version, intoCaseId: textInput().uuid(), note }),
  dispatch: z.object({
    version,
    target: z.object({ kind: z.enum(['grid', 'village', 'town', 'unit', 'user']), id: textInput().uuid() }),
    note,
  }),
  return: z.object({ version, reason }),
  take: z.object({ version, note }),
  handle: z.object({
    version,
    result: multilineInput().trim().min(2).max(maxFreeText),
    evidence: photoIdList(9).default([]).describe('Photo ids from POST /api/v1/photos, attached as evidence of the result'),
    location: z
      .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
      .optional()
      .describe('Where the handler stood (WGS-84, from the phone); kept in the event, never shown publicly'),
  }),
  close: z.object({ version, note }),
  rework: z.object({ version, reason }),
  reopen: z.object({ version, reason }),
  escalate: z.object({ version, reason, targetUnitId: textInput().uuid().optional() }),
  'request-extension': z.object({ version, hours: z.number().int().min(1).max(24 * 90), reason }),
  'approve-extension': z.object({ version, decision: z.enum(['approve', 'deny']), hours: z.number().int().min(1).max(24 * 90).optional(), note }),
  'long-term': z.object({ version, reason, reviewDate: textInput().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD|date as YYYY-MM-DD') }),
  whistle: z.object({
    version,
    grade: z.enum(['routine', 'raised', 'emergency']).describe('基础哨 routine, 提升哨 raised, 应急哨 emergency'),
    reason,
    departments: z.array(textInput().uuid()).max(20).default([]).describe('Unit ids of the departments to summon (raised and emergency)'),
  }),
  'check-in': z.object({ version, note, partyId: textInput().uuid().optional().describe('Which of your summoned parties; default: all of yours waiting') }),
  'report-progress': z.object({
    version,
    note: multilineInput().trim().min(2).max(maxFreeText),
    completed: z.boolean().describe('True when your party has finished its part'),
    evidence: photoIdList(9).default([]),
    partyId: textInput().uuid().optional(),
  }),
  urge: z.object({ version, note: multilineInput().trim().min(2).max(1000) }),
  rate: z.object({ version, rating: z.enum(['satisfied', 'fairlySatisfied', 'dissatisfied']), comment: multilineInput().trim().max(500).optional() }),
  'follow-up': z.object({
    version,
    method: z.enum(['phone', 'visit', 'sms']),
    result: multilineInput().trim().min(2).max(maxFreeText),
    observedSatisfaction: z.enum(['satisfied', 'fairlySatisfied', 'dissatisfied']).optional(),
  }),
} satisfies Record<(typeof caseActions)[number], z.ZodType>;

export type ActionBodies = { [K in keyof typeof actionBodies]: z.infer<(typeof actionBodies)[K]> };

/** The same schemas, seen per action: a generic action's body then keeps its own type. */
const actionSchemas: { [A in CaseAction]: { parse(body: unknown): ActionBodies[A] } } = actionBodies;

/** An action's body, checked against its own schema and typed as that action's (for code generic over actions). */
export function parseActionBody<A extends CaseAction>(action: A, body: unknown): ActionBodies[A] {
  return actionSchemas[action].parse(body);
}

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  textInput()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

const isoDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2026-12-07|a date like 2026-12-07');

export const listCasesQuery = z.object({
  status: csv(caseStatuses).optional().describe('Comma-separated statuses'),
  level: csv(caseLevels).optional(),
  colour: csv(colours).optional(),
  territory: textInput().max(40).optional().describe('A territory code: cases in its subtree'),
  category: textInput().max(4).optional().describe('A category (4 digits) or group (2 digits) code'),
  assignee: textInput().max(40).optional().describe('`me`, `none`, or a staff/unit/node id'),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: textInput().trim().max(100).optional().describe('Text in the description, number or address'),
  channel: csv(channels).optional().describe('Comma-separated channels'),
  from: isoDay.optional().describe('Reported on or after this day (YYYY-MM-DD, Asia/Shanghai)'),
  to: isoDay.optional().describe('Reported on or before this day (YYYY-MM-DD, Asia/Shanghai)'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: textInput().max(100).optional().describe('`nextCursor` from the previous page'),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

export const caseIdParams = z.object({ id: textInput().uuid('案件编号格式不正确|not a case id') });
export const trackParams = z.object({ number: textInput().regex(/^\d{6}-\d{8}-\d{4,}$/, '案件编号格式应为 320305-20261122-0001|number like 320305-20261122-0001') });
export const trackQuery = z.object({ code: textInput().trim().min(4).max(16) });

const nodeRef = z.object({ id: z.string(), code: z.string(), name: z.string(), level: z.string() });
const bilingualText = z.object({ zh: z.string(), en: z.string() });

export const caseSummaryView = z.object({
  id: z.string().uuid(),
  number: z.string(),
  status: z.enum(caseStatuses),
  statusLabel: z.string(),
  channel: z.enum(channels),
  demandType: z.enum(demandTypeCodes),
  category: z.object({ code: z.string(), name: z.string(), groupCode: z.string() }).nullable(),
  description: z.string(),
  colour: z.enum(colours),
  level: z.enum(caseLevels),
  territory: nodeRef,
  grid: nodeRef.nullable(),
  lat: z.number().nullable().describe('WGS-84; null when located by address or grid code only'),
  lng: z.number().nullable(),
  needsTriage: z.boolean(),
  assignee: z.object({ kind: z.enum(['node', 'unit', 'user']), id: z.string(), name: z.string() }).nullable(),
  respondBy: z.string(),
  resolveBy: z.string().nullable(),
  isOverdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
}).meta({ id: 'CaseSummary' });

export const timelineEntry = z.object({
  id: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), role: z.string() }).nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
}).meta({ id: 'TimelineEntry' });

export const allowedActionView = z.object({
  action: z.enum(caseActions),
  label: z.string(),
  labels: bilingualText,
  input: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      required: z.boolean(),
      label: z.string(),
      maxLength: z.number().int().optional().describe('For text fields: the most characters accepted'),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    }),
  ),
  targets: z.array(z.object({ kind: z.string(), id: z.string(), code: z.string().nullable(), name: z.string() })),
}).meta({ id: 'AllowedAction' });

export const caseDetailView = caseSummaryView.extend({
  location: z.object({
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    address: z.string().nullable(),
    basicGrid: nodeRef.nullable(),
    ancestors: z.array(nodeRef),
  }),
  reporter: z
    .object({
      name: z.string().nullable(),
      phone: z.string().nullable(),
      masked: z.boolean().describe('Always true: clear values only through POST /api/v1/cases/{id}/reporter/reveal'),
      erased: z.boolean().describe("The person's data was erased on request (PIPL); the case and its history remain"),
    })
    .nullable(),
  isAnonymous: z.boolean(),
  handler: z.object({ id: z.string(), name: z.string() }).nullable(),
  respondedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  handledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  longTermUntil: z.string().nullable(),
  pendingExtension: z.object({ hours: z.number().int(), requestedBy: z.string() }).nullable(),
  mergedInto: z.object({ id: z.string(), number: z.string() }).nullable(),
  hasLeftGrid: z.boolean(),
  counts: z.object({ escalations: z.number().int(), reworks: z.number().int(), reopens: z.number().int(), extensions: z.number().int() }),
  photos: z.array(photoRefView).describe('Report and evidence photos; fetch each url with your sign-in'),
  visitOrigin: z
    .object({ visitId: z.string(), householdId: z.string(), address: z.string() })
    .nullable()
    .describe('The visit and household the case was raised from (channel visit), else null'),
  dispatchOffice: z.string().nullable().describe('The office the last dispatch was made in the name of (the 交办单 header, as on the 督办单); null before dispatch'),
  timeline: z.array(timelineEntry),
  allowedActions: z.array(allowedActionView),
}).meta({ id: 'CaseDetail' });

export const createdCaseView = caseDetailView.extend({
  trackingCode: z.string().describe('Give this to the reporter: with the number it opens the public tracking page'),
}).meta({ id: 'CreatedCase' });

export const caseListView = z.object({
  items: z.array(caseSummaryView),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('How many cases match the filters in the caller\'s scope (all pages)'),
}).meta({ id: 'CaseList' });

export const trackView = z.object({
  number: z.string(),
  status: z.enum(caseStatuses),
  statusLabel: z.string(),
  category: z.string().nullable(),
  area: z.string().describe('Village and town only, never the exact place'),
  reportedAt: z.string(),
  closedAt: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), label: z.string(), status: z.string().nullable(), message: z.string().nullable() })),
  photos: z.array(photoRefView).describe('The report’s photos and the photos of the result; the urls carry the tracking code'),
  rating: z.object({
    canRate: z.boolean().describe('The reporter may rate now (POST /api/v1/track/{number}/rating)'),
    confirmsClosing: z.boolean().describe('Rating 满意/基本满意 now closes the case (the reporter verifies it)'),
    last: z.object({ rating: z.enum(['satisfied', 'fairlySatisfied', 'dissatisfied']), comment: z.string().nullable(), at: z.string() }).nullable(),
  }),
}).meta({ id: 'TrackedCase' });
