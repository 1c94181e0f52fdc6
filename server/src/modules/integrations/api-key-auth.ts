import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { IntegrationActor } from '../../platform/actor.js';
import type { Permission } from '../../platform/roles.js';
import { apiKeys } from './api-keys.tables.js';
import { nodesOfApiKeys } from './api-keys.queries.js';

/** Every API key starts with this, so a bearer token is recognisable as one without a lookup. */
export const apiKeyPrefix = 'wgk_';

/** Keys are 256 random bits: a plain SHA-256 is as good as a slow hash and lets us look them up. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** The key a request presents: `X-Api-Key: wgk_…` or `Authorization: Bearer wgk_…`. */
export function apiKeyFrom(headers: { authorization?: string | undefined; 'x-api-key'?: string | string[] | undefined }): string | undefined {
  const header = headers['x-api-key'];
  const fromHeader = (Array.isArray(header) ? header[0] : header)?.trim();
  if (fromHeader) return fromHeader;
  const authorization = headers.authorization;
  if (authorization?.startsWith(`Bearer ${apiKeyPrefix}`)) return authorization.slice('Bearer '.length).trim();
  return undefined;
}

const lastUseResolutionMs = 60_000;

/**
 * The integration behind a presented key. An unknown, revoked or expired key is a 401 — not an
 * anonymous caller — so a misconfigured integration learns at once that its key is dead. Records
 * the last use (time and address) at most once a minute.
 */
export async function authenticateApiKey(ctx: AppContext, key: string, ip: string | undefined): Promise<IntegrationActor> {
  const now = ctx.clock.now();
  const [row] = key.startsWith(apiKeyPrefix)
    ? await ctx.db.select().from(apiKeys).where(eq(apiKeys.secretHash, hashApiKey(key))).limit(1)
    : [];
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) {
    throw new AppError('UNAUTHENTICATED', {
      detail: { zh: 'API 密钥无效、已吊销或已过期', en: 'The API key is unknown, revoked or expired' },
    });
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= lastUseResolutionMs) {
    const staleBefore = new Date(now.getTime() - lastUseResolutionMs);
    await ctx.db
      .update(apiKeys)
      .set({ lastUsedAt: now, lastUsedIp: ip ?? null })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
  }
  const nodes = (await nodesOfApiKeys(ctx.db, [row.id])).get(row.id) ?? [];
  return { kind: 'integration', id: row.id, name: row.name, nodes, permissions: row.permissions as Permission[] };
}
