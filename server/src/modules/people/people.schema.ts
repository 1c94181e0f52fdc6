import { z } from 'zod';
import { roles } from './roles.js';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

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
}).meta({ id: 'User' });

export const loginResponse = z.object({
  token: z.string().describe('Bearer token; send as `Authorization: Bearer <token>`'),
  expiresAt: z.string(),
  user: userView,
}).meta({ id: 'LoginResult' });

export const staffListQuery = z.object({
  role: z.enum(roles).optional(),
  q: z.string().trim().max(50).optional(),
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
  kind: z.string(),
}).meta({ id: 'Unit' });
