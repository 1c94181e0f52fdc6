import { z } from 'zod';
import { householdImportStatuses, householdTags, memberRelations } from './households.tables.js';
import { importFields } from './import-mapping.js';
import { multilineInput, textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';

const tag = z.enum(householdTags);
const relation = z.enum(memberRelations);
const version = versionInput().describe('The version you read (409 when it changed meanwhile)');
const text = (max: number) => textInput().trim().min(1).max(max);
const optionalText = (max: number) => textInput().trim().max(max).nullable().optional();

export const householdParams = z.object({ id: textInput().uuid() });
export const memberParams = z.object({ id: textInput().uuid(), memberId: textInput().uuid() });
export const importParams = z.object({ id: textInput().uuid() });

export const listHouseholdsQuery = z.object({
  under: textInput().trim().regex(/^\d{6,20}$/, '请填写区划或网格编码|a territory or grid code').optional().describe('A town, village or grid code: households under it'),
  tag: tag.optional(),
  q: textInput().trim().max(100).optional().describe('Text in the address, building, unit or room (never in personal data)'),
  phone: textInput().trim().max(20).optional().describe("A member's phone, matched through its keyed hash"),
  active: z.enum(['true', 'false', 'all']).default('true'),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListHouseholdsQuery = z.infer<typeof listHouseholdsQuery>;

const gridRef = z.object({ id: z.string().uuid(), code: z.string(), name: z.string() });

export const householdListItem = z
  .object({
    id: z.string().uuid(),
    grid: gridRef,
    village: z.object({ code: z.string(), name: z.string() }).nullable(),
    address: z.string(),
    building: z.string().nullable(),
    unit: z.string().nullable(),
    room: z.string().nullable(),
    tags: z.array(tag),
    memberCount: z.number().int(),
    head: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable().describe('Masked'),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    lastVisitedAt: z.string().nullable(),
    isActive: z.boolean(),
  })
  .meta({ id: 'HouseholdListItem' });

export const householdList = z.object({ items: z.array(householdListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const memberView = z
  .object({
    id: z.string().uuid(),
    name: z.string().nullable().describe('Masked (张*)'),
    phone: z.string().nullable().describe('Masked (139****5678)'),
    idNumber: z.string().nullable().describe('Masked (320*************1X)'),
    relation,
    tags: z.array(tag),
    birthYear: z.number().int().nullable(),
    erased: z.boolean(),
  })
  .meta({ id: 'HouseholdMember' });

export const householdDetail = householdListItem
  .extend({ members: z.array(memberView), version: z.number().int(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'HouseholdDetail' });

const memberInput = z.object({
  id: textInput().uuid().optional().describe('An existing member (omit for a new one); members left out are removed'),
  name: text(40).optional().describe('Required for a new member; omitted keeps the stored name'),
  phone: textInput().trim().max(20).nullable().optional().describe('null clears, omitted keeps'),
  idNumber: textInput().trim().max(20).nullable().optional().describe('null clears, omitted keeps'),
  relation,
  tags: z.array(tag).max(householdTags.length).default([]),
});
export type MemberInput = z.infer<typeof memberInput>;

export const createHouseholdBody = z
  .object({
    gridCode: text(40).describe('The basic grid'),
    address: text(200),
    building: optionalText(40),
    unit: optionalText(40),
    room: optionalText(40),
    tags: z.array(tag).max(householdTags.length).default([]),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    members: z.array(memberInput).max(30).default([]),
  })
  .meta({ id: 'CreateHousehold' });
export type CreateHouseholdInput = z.infer<typeof createHouseholdBody>;

export const updateHouseholdBody = z
  .object({
    version,
    gridCode: text(40).optional(),
    address: text(200).optional(),
    building: optionalText(40),
    unit: optionalText(40),
    room: optionalText(40),
    tags: z.array(tag).max(householdTags.length).optional(),
    members: z.array(memberInput).max(30).optional().describe('The whole list: members left out are removed'),
  })
  .meta({ id: 'UpdateHousehold' });
export type UpdateHouseholdInput = z.infer<typeof updateHouseholdBody>;

export const placeHouseholdBody = z.object({ version, lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).meta({ id: 'PlaceHousehold' });
export const deactivateHouseholdBody = z.object({ version, reason: multilineInput().trim().max(200).optional().describe('e.g. 已搬离') });

export const revealMemberBody = z.object({
  reason: multilineInput().max(500).optional().describe('Why you need to see it (required, at least 4 characters)'),
  fields: z.array(z.enum(['name', 'phone', 'idNumber'])).min(1).max(3).optional(),
});
export const revealedMember = z.object({
  revealId: z.string().uuid(),
  memberId: z.string().uuid(),
  fields: z.array(z.enum(['name', 'phone', 'idNumber'])),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  revealedAt: z.string(),
});

// ---- imports

const mappingShape = z.object(Object.fromEntries(importFields.map((f) => [f, z.number().int().min(0).max(500).nullable().optional()])) as Record<(typeof importFields)[number], z.ZodOptional<z.ZodNullable<z.ZodNumber>>>);

export const validateImportBody = z.object({ mapping: mappingShape.describe('Field → 0-based column of the header row (null: not in the file)') }).meta({ id: 'HouseholdImportMapping' });

const problem = z.object({
  line: z.number().int().describe('Line of the file (CSV) or row number (XLSX), header = 1'),
  field: z.enum(importFields).nullable(),
  column: z.string().nullable().describe("The file's header of that column"),
  code: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
});

export const importView = z
  .object({
    id: z.string().uuid(),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    encoding: z.string().nullable(),
    byteSize: z.number().int(),
    status: z.enum(householdImportStatuses),
    headers: z.array(z.string()),
    mapping: z.record(z.string(), z.number().int().nullable()).nullable(),
    totalRows: z.number().int().nullable(),
    badRows: z.number().int().nullable(),
    households: z.number().int().nullable(),
    problems: z.array(problem),
    problemsTruncated: z.boolean(),
    result: z.object({ householdsCreated: z.number().int(), householdsUpdated: z.number().int(), membersWritten: z.number().int() }).nullable(),
    createdAt: z.string(),
    validatedAt: z.string().nullable(),
    appliedAt: z.string().nullable(),
  })
  .meta({ id: 'HouseholdImport' });

export const uploadedImportView = importView.extend({ sample: z.array(z.array(z.string())).describe('First rows, phones/ID numbers and the name column masked') });
export const importList = z.object({ items: z.array(importView) });
export const uploadImportBody = z.any().describe('multipart/form-data with one file field named `file` (CSV UTF-8/GB18030 or XLSX, at most 200 MB)');
