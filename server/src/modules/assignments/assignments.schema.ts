import { z } from 'zod';
import { territoryCode, profileView } from '../people/index.js';
import { roles } from '../../platform/roles.js';
import { assignmentTiers } from './assignments.tables.js';
import { multilineInput, textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';

export const isoDate = textInput()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD|dates are written YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), '不是有效日期|not a real date');

export const tierLabels = {
  village_member: { zh: '村(社区)班子成员', en: 'Village committee member' },
  town_cadre: { zh: '镇(街道)机关包挂人员', en: 'Town office cadre' },
  town_leader: { zh: '镇(街道)领导', en: 'Town leader' },
} as const;

export const assignedStaffView = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
  unitName: z.string().nullable(),
  isActive: z.boolean(),
  ...profileView,
}).meta({ id: 'AssignedStaff' });

const nodeView = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
  path: z.string(),
  townName: z.string().nullable(),
  villageName: z.string().nullable(),
});

export const assignmentView = z.object({
  id: z.string().uuid(),
  staff: assignedStaffView,
  node: nodeView,
  tier: z.enum(assignmentTiers),
  tierLabel: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  note: z.string().nullable(),
  state: z.enum(['active', 'upcoming', 'ended']).describe('Relative to today (Asia/Shanghai)'),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  version: z.number().int(),
}).meta({ id: 'Assignment' });

export const assignmentListQuery = z.object({
  node: territoryCode.optional().describe('Assignments on this node and everything under it'),
  staff: textInput().uuid().optional(),
  tier: z.enum(assignmentTiers).optional(),
  on: isoDate.optional().describe('Only assignments in force on this day'),
  history: z.enum(['true', 'false']).default('false').describe('true: include ended assignments (the full history)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const assignmentListView = z.object({ items: z.array(assignmentView), total: z.number().int() }).meta({ id: 'AssignmentList' });

const note = multilineInput().trim().max(200).nullable();

export const createAssignmentBody = z.object({
  staffId: textInput().uuid(),
  nodeCode: territoryCode.describe('A village or a grid under your nodes'),
  tier: z.enum(assignmentTiers),
  startsOn: isoDate,
  endsOn: isoDate.nullable().default(null),
  note: note.default(null),
}).meta({ id: 'CreateAssignment' });

export const updateAssignmentBody = z.object({
  version: versionInput().describe('The version you read; a stale one gets 409'),
  startsOn: isoDate.optional(),
  endsOn: isoDate.nullable().optional(),
  note: note.optional(),
}).meta({ id: 'UpdateAssignment' });

export const endAssignmentBody = z.object({
  version: versionInput(),
  endsOn: isoDate.optional().describe('Last day in force (default today); the row stays as history'),
  note: note.optional(),
}).meta({ id: 'EndAssignment' });

export const assignmentParams = z.object({ id: textInput().uuid() });

export const importAssignmentsBody = z.object({
  csv: multilineInput().max(1_000_000).describe('Header `username,node_code,tier,starts_on,ends_on` (+ optional note); UTF-8'),
  dryRun: z.boolean().default(false),
}).meta({ id: 'ImportAssignments' });

export const importReportView = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
}).meta({ id: 'AssignmentImportReport' });

export const ladderQuery = z.object({ node: territoryCode.describe('A village or a grid'), on: isoDate.optional() });

export const ladderView = z.object({
  village: nodeView,
  grid: nodeView.nullable(),
  on: z.string(),
  steps: z.array(
    z.object({
      tier: z.enum(assignmentTiers),
      tierLabel: z.string(),
      staff: z.array(assignedStaffView).describe('Assigned in this tier (for village_member: on the grid too, when a grid was asked)'),
      fallback: z
        .object({ role: z.enum(roles), roleLabel: z.string(), staff: z.array(assignedStaffView) })
        .nullable()
        .describe('When nobody holds the tier: who the supervision ladder turns to instead (by territory)'),
    }),
  ),
}).meta({ id: 'AssignmentLadder' });

export const coverageQuery = z.object({ node: territoryCode.optional().describe('Default: your widest node'), on: isoDate.optional() });

const coverageCounts = {
  villages: z.number().int(),
  villagesCovered: z.number().int(),
  grids: z.number().int().describe('Basic grids'),
  gridsCovered: z.number().int(),
  cadres: z.number().int().describe('Distinct staff with an assignment in force'),
};

const placeRef = z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), townName: z.string(), villageName: z.string().nullable() });

export const coverageView = z.object({
  on: z.string(),
  node: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  totals: z.object(coverageCounts),
  towns: z.array(z.object({ code: z.string(), name: z.string(), ...coverageCounts })),
  villagesWithoutCadre: z.array(placeRef),
  gridsWithoutContact: z.array(placeRef),
}).meta({ id: 'AssignmentCoverage' });
