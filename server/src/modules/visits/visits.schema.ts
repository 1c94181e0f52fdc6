import { z } from 'zod';
import { photoIdList } from '../photos/index.js';
import { demandTypeCodes } from '../cases/index.js';
import { planItemStatuses } from './visits.tables.js';
import { maxFreeText, multilineInput, textInput } from '../../platform/text.js';
import { maxInt32, versionInput } from '../../platform/numbers.js';

const isoDate = textInput().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD|date as YYYY-MM-DD');

export const idParams = z.object({ id: textInput().uuid('编号格式不正确|not an id') });

export const tagView = z.object({ code: z.string(), label: z.string() });

/** What a visitor sees of a household: address, grid, tags and a masked head of household. */
export const householdSummaryView = z
  .object({
    id: z.string().uuid(),
    address: z.string(),
    building: z.string().nullable(),
    unit: z.string().nullable(),
    room: z.string().nullable(),
    gridId: z.string().uuid(),
    gridName: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    tags: z.array(tagView),
    memberCount: z.number().int(),
    headName: z.string().nullable().describe('Head of household, masked (张*); reveal through the privacy module'),
    lastVisitedAt: z.string().nullable(),
  })
  .meta({ id: 'VisitHousehold' });

export const todayView = z
  .object({
    date: isoDate.describe('The day of the list: today, or the next planned day when today has none (weekend, holiday)'),
    isToday: z.boolean(),
    items: z.array(
      z.object({
        planItemId: z.string().uuid(),
        position: z.number().int(),
        status: z.enum(planItemStatuses),
        visitId: z.string().uuid().nullable(),
        household: householdSummaryView,
      }),
    ),
    done: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'VisitToday' });

export const visitView = z
  .object({
    id: z.string().uuid(),
    clientId: z.string(),
    householdId: z.string().uuid(),
    address: z.string(),
    staffId: z.string().uuid(),
    staffName: z.string(),
    visitedAt: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    notes: z.string(),
    raised: z.array(z.string()),
    photoIds: z.array(z.string().uuid()),
    caseNumbers: z.array(z.object({ id: z.string().uuid(), number: z.string() })),
    createdAt: z.string(),
  })
  .meta({ id: 'Visit' });

export const householdDetailView = z
  .object({
    household: householdSummaryView,
    members: z.array(z.object({ id: z.string().uuid(), name: z.string().nullable(), relation: z.string(), phone: z.string().nullable(), tags: z.array(tagView) })),
    visits: z.array(visitView),
  })
  .meta({ id: 'VisitHouseholdDetail' });

export const recordVisitBody = z.object({
  clientId: textInput()
    .trim()
    .min(8, '客户端编号至少 8 个字符|clientId: at least 8 characters')
    .max(64)
    .regex(/^[\x21-\x7e]+$/, '客户端编号只能包含可见 ASCII 字符|clientId: printable ASCII only')
    .describe('Chosen by the phone (e.g. a UUID). Sending the same visit again returns the first one; another body with it is 422'),
  householdId: textInput().uuid('户编号格式不正确|not a household id'),
  visitedAt: textInput().datetime({ offset: true, message: '走访时间须为 ISO 8601 时间|visitedAt: ISO 8601 date-time' }),
  location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional().describe('WGS-84, from the phone'),
  notes: multilineInput().trim().max(maxFreeText).default(''),
  raised: z.array(multilineInput().trim().min(1).max(500)).max(20).default([]).describe('What residents raised, one short text each'),
  photoIds: photoIdList(9).default([]).describe('Photos uploaded with POST /api/v1/photos and not attached yet'),
});
export type RecordVisitInput = z.infer<typeof recordVisitBody>;

export const raiseCaseBody = z.object({
  description: multilineInput().trim().min(5).max(maxFreeText),
  demandType: z.enum(demandTypeCodes).default('help'),
  categoryCode: textInput().regex(/^\d{4}$/, '小类编码为四位数字|category code is four digits').optional(),
  photoIds: photoIdList(9).optional().describe('Default: the visit’s own photos that no case holds yet'),
});
export type RaiseCaseInput = z.infer<typeof raiseCaseBody>;

export const raisedCaseView = z
  .object({ caseId: z.string().uuid(), number: z.string(), visitId: z.string().uuid(), householdId: z.string().uuid(), status: z.string() })
  .meta({ id: 'VisitRaisedCase' });

export const listVisitsQuery = z.object({
  householdId: textInput().uuid().optional().describe('A household’s visits (in your territory); without it, your own visits'),
  before: textInput().uuid().optional().describe('Keyset: visits older than this id'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const visitListView = z.object({ items: z.array(visitView), nextBefore: z.string().uuid().nullable() }).meta({ id: 'VisitList' });

export const cadenceView = z
  .object({
    id: z.string().uuid(),
    nodeId: z.string().uuid(),
    nodeName: z.string(),
    nodeLevel: z.string(),
    householdsPerDay: z.number().int(),
    cycleDays: z.number().int(),
    workingDaysOnly: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'VisitCadence' });

export const cadenceListView = z.object({ items: z.array(cadenceView) });

export const putCadenceBody = z.object({
  nodeId: textInput().uuid(),
  householdsPerDay: z.number().int().min(1, '每日户数至少 1|at least 1 a day').max(50, '每日户数至多 50|at most 50 a day'),
  cycleDays: z.number().int().min(7, '循环至少 7 天|cycle at least 7 days').max(366, '循环至多 366 天|cycle at most 366 days'),
  workingDaysOnly: z.boolean(),
  version: versionInput().optional().describe('The version you read; omit when creating a rule for a node that has none'),
});

export const replanBody = z.object({ nodeId: textInput().uuid().describe('A town, or a village (its town is re-planned)') });
export const replanView = z.object({ towns: z.array(z.object({ townNodeId: z.string().uuid(), jobId: z.string().uuid().nullable() })) });

export const coverageQuery = z.object({
  node: textInput().uuid().optional().describe('Territory node; default your first node'),
  asOf: isoDate.optional().describe('Day the coverage is measured at (Shanghai); default today'),
  page: z.coerce.number().int().min(1).max(maxInt32).default(1).describe('Page of the not-visited list'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const rate = z.object({ visited: z.number().int(), total: z.number().int(), rate: z.number().nullable().describe('visited / total, 0…1; null when total is 0 (no data)') });

export const coverageView = z
  .object({
    asOf: isoDate,
    cycleDays: z.number().int().describe('Cycle of the node’s cadence (a household counts as visited within this many days up to asOf)'),
    node: z.object({ id: z.string().uuid(), name: z.string(), level: z.string() }).extend(rate.shape),
    children: z.array(z.object({ id: z.string().uuid(), name: z.string(), level: z.string() }).extend(rate.shape)),
    cadres: z.array(
      z
        .object({
          staffId: z.string().uuid(),
          name: z.string(),
          plannedToDate: z.number().int().describe('Plan items from the cycle start to asOf'),
          visitedOfPlanned: z.number().int(),
          behind: z.number().int().describe('plannedToDate − visitedOfPlanned'),
          visits: z.number().int().describe('Visits recorded by the cadre in the cycle'),
        })
        .extend(rate.shape),
    ),
    notVisited: z.object({
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      items: z.array(z.object({ householdId: z.string().uuid(), address: z.string(), gridName: z.string(), tags: z.array(tagView), lastVisitedAt: z.string().nullable() })),
    }),
  })
  .meta({ id: 'VisitCoverage' });
export type CoverageView = z.infer<typeof coverageView>;
