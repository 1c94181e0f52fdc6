import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { performCaseAction } from './actions.service.js';
import { presentCaseDetail } from './case-view.js';
import { actionLabels, caseActions, transitions, type CaseAction } from './case-machine.js';
import { casePolicy } from './cases.policy.js';
import { actionBodies, caseDetailView, caseIdParams, parseActionBody } from './cases.schema.js';

/** One route per lifecycle action, each with its own body schema: `POST /api/v1/cases/{id}/actions/<action>`. */
export const caseActionsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  /** Generic per action, so the body's type is the action's own (`ActionBodies[A]`). */
  function actionRoute<A extends CaseAction>(action: A) {
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
        // Already valid; parsed once more by the action's own schema so it keeps that type, without a cast.
        const row = await performCaseAction(ctx, actor, request.params.id, action, parseActionBody(action, request.body));
        return presentCaseDetail(ctx, actor, row, request.lang);
      },
    );
  }
  for (const action of caseActions) actionRoute(action);
};
