import { z } from 'zod';
import { roles, unitKinds } from '../../platform/roles.js';
import { textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';

export const nodeRef = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
});

export const userView = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
  unit: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }).nullable(),
  nodes: z.array(nodeRef),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean().describe('An administrator chose the password: change it (POST /api/v1/auth/password) before anything else'),
}).meta({ id: 'User' });

export const staffListQuery = z.object({
  role: z.enum(roles).optional(),
  q: textInput().trim().max(50).optional(),
});

export const staffSummary = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
}).meta({ id: 'StaffSummary' });

export const unitView = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(unitKinds),
  territoryNode: nodeRef.nullable(),
  version: z.number().int(),
}).meta({ id: 'Unit' });

const unitCode = textInput().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, '单位编码为 2–40 位大写字母、数字或连字符|unit code: 2–40 upper-case letters, digits or dashes');
const territoryCode = textInput().trim().regex(/^[0-9A-Za-z_-]{1,40}$/, '区划/网格编码只能包含字母、数字、-、_|territory codes hold letters, digits, - and _');

export const createUnitBody = z.object({
  code: unitCode,
  name: textInput().trim().min(2).max(60),
  shortName: textInput().trim().min(1).max(30).nullable().default(null),
  kind: z.enum(unitKinds),
  territoryNodeCode: territoryCode.nullable().default(null).describe('Where the unit works: a community at its village, a town office at its town; departments may leave it empty (county-wide)'),
}).meta({ id: 'CreateUnit' });

export const updateUnitBody = z.object({
  version: versionInput().describe('The version you read; a stale one gets 409'),
  code: unitCode.optional(),
  name: textInput().trim().min(2).max(60).optional(),
  shortName: textInput().trim().min(1).max(30).nullable().optional(),
  kind: z.enum(unitKinds).optional(),
  territoryNodeCode: territoryCode.nullable().optional(),
}).meta({ id: 'UpdateUnit' });

export const unitParams = z.object({ id: textInput().uuid() });

export { territoryCode };
