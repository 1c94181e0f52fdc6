import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { auditListQuery, auditListView, auditVerdictView } from './audit.schema.js';
import { getAuditVerdict, listAuditEntries } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (administrators)',
        description: 'Filters combine; `action` is a prefix. Keyset pagination: pass `nextCursor` as `cursor`.',
        querystring: auditListQuery,
        response: { 200: auditListView },
      },
    },
    async (request) => listAuditEntries(ctx, request.actor, request.query),
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain and report the first edited, removed or reordered row (administrators)',
        response: { 200: auditVerdictView },
      },
    },
    async (request) => getAuditVerdict(ctx, request.actor, request.lang),
  );
};
