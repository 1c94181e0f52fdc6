import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { performCaseAction } from './actions.service.js';
import { presentCaseDetail } from './case-view.js';
import { actionLabels, caseActions, transitions } from './case-machine.js';
import { casePolicy } from './cases.policy.js';
import { actionBodies, caseDetailView, caseIdParams } from './cases.schema.js';

/** One route per lifecycle action, each with its own body schema: `POST /api/v1/cases/{id}/actions/<action>`. */
export const caseActionsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  for (const action of caseActions) {
    const rule = transitions[action];
    app.post(
      `/api/v1/cases/:id/actions/${action}`,
      {
        schema: {
          tags: ['case actions'],
          summary: `${actionLabels[action].en} (${actionLabels[action].zh})`,
          description:
            `From: ${rule.from.join(', ')} → ${rule.to ?? '(state unchanged)'}. Roles: ${casePolicy[action].roles.join(', ')} ` +
            `(${casePolicy[action].relation}). 404 outside your territory, 403 without the role or relation, 409 in another state or with a stale version.`,
          params: caseIdParams,
          body: actionBodies[action],
          response: { 200: caseDetailView },
        },
      },
      async (request) => {
        const actor = requirePermission(request.actor, 'case:read');
        const row = await performCaseAction(ctx, actor, request.params.id, action, request.body as never);
        return presentCaseDetail(ctx, actor, row, request.lang);
      },
    );
  }
};
