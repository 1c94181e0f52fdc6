import { z } from 'zod';
import { territoryLevels } from '../territory/territory.tables.js';
import { nodeRef, territoryCode } from './people.schema.js';
import { roles } from '../../platform/roles.js';
import { profileInput, profileView } from './staff-profile.js';
import { textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';

const username = textInput()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, '用户名为 2–32 位小写字母、数字或 . _ -，以字母或数字开头|username: 2–32 lower-case letters, digits or . _ -, starting with a letter or digit');
const displayName = textInput().trim().min(1).max(40);
const nodeCodes = z.array(territoryCode).max(50).describe('Territory codes the account covers; which levels depends on the role (GET /api/v1/roles)');

export const userAccountView = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
  unit: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }).nullable(),
  nodes: z.array(nodeRef),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  isLocked: z.boolean().describe('Locked out after repeated failed sign-ins; a password reset unlocks'),
  lastLoginAt: z.string().nullable(),
  ...profileView,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
}).meta({ id: 'UserAccount' });

export const userListQuery = z.object({
  role: z.enum(roles).optional(),
  node: territoryCode.optional().describe('Accounts holding a node in this subtree'),
  unit: textInput().uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
  q: textInput().trim().max(50).optional().describe('Part of the username or display name'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const userListView = z.object({
  items: z.array(userAccountView),
  total: z.number().int().describe('Accounts you manage that match the filters'),
}).meta({ id: 'UserAccountList' });

export const createUserBody = z.object({
  username,
  displayName,
  role: z.enum(roles),
  unitId: textInput().uuid().nullable().default(null),
  nodeCodes: nodeCodes.default([]),
  password: textInput()
    .max(256)
    .optional()
    .describe('An initial password following the rules; leave out to generate a one-time password. Either way it must be changed at first sign-in'),
  ...profileInput,
}).meta({ id: 'CreateUserAccount' });

export const userCreatedView = z.object({
  user: userAccountView,
  oneTimePassword: z.string().nullable().describe('The generated password, shown this once (null when you chose one)'),
}).meta({ id: 'UserAccountCreated' });

export const updateUserBody = z.object({
  version: versionInput().describe('The version you read; a stale one gets 409'),
  displayName: displayName.optional(),
  role: z.enum(roles).optional(),
  unitId: textInput().uuid().nullable().optional(),
  nodeCodes: nodeCodes.optional(),
  ...profileInput,
}).meta({ id: 'UpdateUserAccount' });

export const userParams = z.object({ id: textInput().uuid() });

export const passwordResetView = z.object({
  oneTimePassword: z.string().describe('Shown this once; the account must change it at next sign-in'),
  revokedSessions: z.number().int(),
}).meta({ id: 'PasswordReset' });

const bilingualLabel = z.object({ zh: z.string(), en: z.string() });

export const roleMatrixView = z.object({
  roles: z.array(
    z.object({
      role: z.enum(roles),
      label: bilingualLabel,
      permissions: z.array(z.string()),
      nodeLevels: z.array(z.enum(territoryLevels)).describe('Levels of the territory nodes this role may hold'),
      minNodes: z.number().int(),
      requiresUnit: z.boolean(),
    }),
  ),
  permissions: z.array(z.object({ code: z.string(), label: bilingualLabel })),
  levels: z.array(z.object({ level: z.enum(territoryLevels), label: bilingualLabel })),
}).meta({ id: 'RoleMatrix' });
