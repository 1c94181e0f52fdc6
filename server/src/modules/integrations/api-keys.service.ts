import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { newId, uuidPattern } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { actorCoversPath, requirePermission, type Actor, type ActorNode } from '../../platform/actor.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { apiKeyPrefix, hashApiKey } from './api-key-auth.js';
import { listApiKeyRows, nodesOfApiKeys, type ApiKeyListRow } from './api-keys.queries.js';
import type { CreateApiKeyInput } from './api-keys.schema.js';
import { apiKeyNodes, apiKeys } from './api-keys.tables.js';

/** Characters of the key shown in lists (`wgk_` + 6), enough to tell keys apart, useless to call with. */
const shownPrefixLength = apiKeyPrefix.length + 6;

const keyNotFound = () => notFound({ zh: '找不到该 API 密钥', en: 'No such API key' });

function statusOf(row: Pick<ApiKeyListRow, 'revokedAt' | 'expiresAt'>, now: Date): 'active' | 'revoked' | 'expired' {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  return 'active';
}

function present(row: ApiKeyListRow, nodes: ActorNode[], now: Date) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    status: statusOf(row, now),
    permissions: row.permissions,
    nodes: nodes.map((n) => ({ id: n.id, code: n.code, name: n.name, level: n.level })),
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp ?? null,
  };
}

async function presentRows(ctx: AppContext, rows: ApiKeyListRow[]) {
  const nodes = await nodesOfApiKeys(ctx.db, rows.map((r) => r.id));
  const now = ctx.clock.now();
  return rows.map((r) => present(r, nodes.get(r.id) ?? [], now));
}

/**
 * Creates a key for an integration and returns it in full — the only time it is ever shown; the
 * database keeps its SHA-256. Its nodes must lie inside the administrator's own territory.
 */
export async function createApiKey(ctx: AppContext, actorInput: Actor, input: CreateApiKeyInput) {
  const actor = requirePermission(actorInput, 'apikey:admin');
  const now = ctx.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalidField('expiresAt', { zh: '到期时间须晚于现在', en: 'must be in the future' });
  const codes = [...new Set(input.nodeCodes)];
  const nodes = await ctx.db
    .select({ id: territoryNodes.id, code: territoryNodes.code, path: territoryNodes.path })
    .from(territoryNodes)
    .where(inArray(territoryNodes.code, codes));
  const outside = codes.filter((code) => {
    const node = nodes.find((n) => n.code === code);
    return !node || !actorCoversPath(actor, node.path);
  });
  if (outside.length) {
    throw invalidField('nodeCodes', { zh: `区划 ${outside.join('、')} 不存在或不在您的管辖范围内`, en: `${outside.join(', ')}: unknown or outside your territory` });
  }
  const key = apiKeyPrefix + randomBytes(32).toString('base64url');
  const id = newId();
  const permissions = [...new Set(input.permissions)];
  await ctx.db.transaction(async (tx) => {
    await tx.insert(apiKeys).values({
      id,
      name: input.name,
      prefix: key.slice(0, shownPrefixLength),
      secretHash: hashApiKey(key),
      permissions,
      createdById: actor.id,
      createdAt: now,
      expiresAt,
    });
    await tx.insert(apiKeyNodes).values(nodes.map((n) => ({ apiKeyId: id, nodeId: n.id })));
    await recordAudit(
      tx,
      actor,
      { action: 'apikey.create', entityType: 'api_key', entityId: id, data: { name: input.name, permissions, nodeCodes: codes, expiresAt: expiresAt?.toISOString() ?? null } },
      now,
    );
  });
  return { ...(await getApiKey(ctx, actor, id)), key };
}

export async function listApiKeys(ctx: AppContext, actorInput: Actor) {
  requirePermission(actorInput, 'apikey:admin');
  return { items: await presentRows(ctx, await listApiKeyRows(ctx.db)) };
}

export async function getApiKey(ctx: AppContext, actorInput: Actor, id: string) {
  requirePermission(actorInput, 'apikey:admin');
  if (!uuidPattern.test(id)) throw keyNotFound();
  const [row] = await listApiKeyRows(ctx.db, id);
  if (!row) throw keyNotFound();
  return (await presentRows(ctx, [row]))[0]!;
}

/**
 * Revokes a key: from now on it answers 401. The row stays, for the record. Revoking a revoked
 * key changes nothing and answers as before.
 */
export async function revokeApiKey(ctx: AppContext, actorInput: Actor, id: string) {
  const actor = requirePermission(actorInput, 'apikey:admin');
  if (!uuidPattern.test(id)) throw keyNotFound();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, id)).limit(1).for('update');
    if (!row) throw keyNotFound();
    if (row.revokedAt) return;
    await tx.update(apiKeys).set({ revokedAt: now, revokedById: actor.id }).where(eq(apiKeys.id, id));
    await recordAudit(tx, actor, { action: 'apikey.revoke', entityType: 'api_key', entityId: id }, now);
  });
  return getApiKey(ctx, actor, id);
}
