import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { caseNotFound, findCaseInScope, caseIdParams } from '../cases/index.js';
import { updateGradeSetting, updateRatingSetting, whistleSettingsView } from './settings.service.js';
import { loopOfCase } from './whistles.queries.js';
import {
  caseLoopView,
  gradeParams,
  gradeSettingBody,
  ratingScopeParams,
  ratingSettingBody,
  whistleSettingsView as settingsView,
} from './whistles.schema.js';

export const whistlesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/cases/:id/loop',
    {
      schema: {
        tags: ['cases'],
        summary: 'Whistles and their parties, urges, ratings and follow-ups of a case (吹哨报到、催办、评价、回访)',
        description: 'Summoned parties see the case even outside their territory. 404 outside your scope.',
        params: caseIdParams,
        response: { 200: caseLoopView },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'case:read');
      const row = await findCaseInScope(ctx.db, actor, request.params.id);
      if (!row) throw caseNotFound();
      return loopOfCase(ctx, actor, row, request.lang);
    },
  );

  app.get(
    '/api/v1/whistle-settings',
    { schema: { tags: ['whistles'], summary: 'Whistle grades (who may blow, check-in window, clock) and whether 不满意 reopens', response: { 200: settingsView } } },
    async (request) => {
      requirePermission(request.actor, 'case:read');
      return whistleSettingsView(ctx);
    },
  );

  app.put(
    '/api/v1/whistle-settings/:grade',
    {
      schema: {
        tags: ['whistles'],
        summary: 'Change a whistle grade: roles that may blow it, check-in window and clock (category:edit)',
        params: gradeParams,
        body: gradeSettingBody,
        response: { 200: settingsView },
      },
    },
    async (request) => updateGradeSetting(ctx, requirePermission(request.actor, 'category:edit'), request.params.grade, request.body),
  );

  app.put(
    '/api/v1/rating-settings/:scope',
    {
      schema: {
        tags: ['whistles'],
        summary: 'Whether 不满意 reopens the case: `default`, or one category (4-digit code) (category:edit)',
        params: ratingScopeParams,
        body: ratingSettingBody,
        response: { 200: settingsView },
      },
    },
    async (request) => updateRatingSetting(ctx, requirePermission(request.actor, 'category:edit'), request.params.scope, request.body),
  );
};
