import { desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { ActorNode } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { apiKeyNodes, apiKeys } from './api-keys.tables.js';

/** The territory nodes of each key, with their ancestor paths (the scope of what it sees). */
export async function nodesOfApiKeys(db: Database, keyIds: string[]): Promise<Map<string, ActorNode[]>> {
  const out = new Map<string, ActorNode[]>();
  if (keyIds.length === 0) return out;
  const rows = await db
    .select({
      apiKeyId: apiKeyNodes.apiKeyId,
      id: territoryNodes.id,
      code: territoryNodes.code,
      name: territoryNodes.name,
      level: territoryNodes.level,
      path: territoryNodes.path,
    })
    .from(apiKeyNodes)
    .innerJoin(territoryNodes, eq(territoryNodes.id, apiKeyNodes.nodeId))
    .where(inArray(apiKeyNodes.apiKeyId, keyIds))
    .orderBy(territoryNodes.path);
  for (const { apiKeyId, ...node } of rows) {
    const list = out.get(apiKeyId) ?? [];
    list.push(node);
    out.set(apiKeyId, list);
  }
  return out;
}

const keyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  permissions: apiKeys.permissions,
  createdById: apiKeys.createdById,
  createdByName: staff.displayName,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
};

export type ApiKeyListRow = Awaited<ReturnType<typeof listApiKeyRows>>[number];

/** Every key, newest first (never the hash). */
export async function listApiKeyRows(db: Database, id?: string) {
  const query = db.select(keyColumns).from(apiKeys).innerJoin(staff, eq(staff.id, apiKeys.createdById));
  return id ? query.where(eq(apiKeys.id, id)).limit(1) : query.orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
