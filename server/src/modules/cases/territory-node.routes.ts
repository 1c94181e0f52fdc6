import { and, eq, or, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { requireScopedPermission, type ScopedActor } from '../../platform/actor.js';
import { nodeDetail, nodeParams, nodeQuery } from '../territory/territory.schema.js';
import { getTerritoryNode } from '../territory/territory.service.js';
import { caseScope } from './cases.queries.js';
import { cases } from './cases.tables.js';

/**
 * Whether the actor holds a case (in its case scope) located in this grid or village — how a
 * department, which has no territory, sees where the cases dispatched to it are.
 */
async function holdsCaseIn(db: Database, actor: ScopedActor, node: { id: string; level: string; path: string }): Promise<boolean> {
  if (node.level !== 'grid' && node.level !== 'village') return false;
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(caseScope(actor), or(sql`${cases.territoryPath} like ${node.path + '%'}`, eq(cases.basicGridId, node.id))))
    .limit(1);
  return !!row;
}

/**
 * A territory node's page: the territory module's view, also open where the caller holds a case.
 * Served from the cases module because that second rule is about cases (territory sits below them).
 */
export const territoryNodeRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/territories/:code',
    {
      schema: {
        tags: ['territory'],
        summary: 'A territory node with its ancestors and children (inside your territory)',
        params: nodeParams,
        querystring: nodeQuery,
        response: { 200: nodeDetail },
      },
    },
    async (request) => {
      // API keys with territory:read may read the nodes they are scoped to.
      const actor = requireScopedPermission(request.actor, 'territory:read');
      return getTerritoryNode(ctx, actor, request.params.code, request.query.geometry, (node) => holdsCaseIn(ctx.db, actor, node));
    },
  );
};
