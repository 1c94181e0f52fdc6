import { z } from 'zod';
import { apiKeyPermissions } from './api-keys.tables.js';
import { textInput } from '../../platform/text.js';

export const createApiKeyBody = z
  .object({
    name: textInput().trim().min(2).max(80).describe('Who uses it, e.g. “12345 热线导入”'),
    permissions: z.array(z.enum(apiKeyPermissions)).min(1).describe('case:create, case:read, territory:read'),
    nodeCodes: z
      .array(textInput().trim().min(6).max(40))
      .min(1)
      .max(50)
      .describe('Territory codes (county, town, village or grid) the key reports into and reads under'),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('ISO 8601; without it the key lasts until revoked'),
  })
  .meta({ id: 'CreateApiKey' });
export type CreateApiKeyInput = z.infer<typeof createApiKeyBody>;

export const apiKeyView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the key, to tell keys apart; not usable on its own'),
    status: z.enum(['active', 'revoked', 'expired']),
    permissions: z.array(z.string()),
    nodes: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), level: z.string() })),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().describe('Recorded at most once a minute'),
    lastUsedIp: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeyView = apiKeyView
  .extend({ key: z.string().describe('The full key. Shown only in this answer: store it now; the server keeps only a hash') })
  .meta({ id: 'CreatedApiKey' });

export const apiKeyIdParams = z.object({ id: textInput().uuid('密钥编号格式不正确|not an API key id') });
