import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { pickLang } from '../../platform/i18n.js';
import { publicRateLimit } from '../../platform/hardening.js';
import { requirePermission } from '../../platform/actor.js';
import { requireResident } from '../residents/resident-auth.service.js';
import { getResidentCase } from '../resident-cases/resident-cases.service.js';
import { residentCaseDetail, residentCaseParams } from '../resident-cases/resident-cases.schema.js';
import { caseNotFound } from '../cases/actions.service.js';
import { findCaseInScope } from '../cases/cases.queries.js';
import { caseIdParams, trackParams, trackView } from '../cases/cases.schema.js';
import { findTrackedCase, presentTrackedCase } from '../cases/tracking.service.js';
import { rateAsReporter } from './ratings.service.js';
import { updateGradeSetting, updateRatingSetting, whistleSettingsView } from './settings.service.js';
import { loopOfCase } from './whistles.queries.js';
import {
  caseLoopView,
  gradeParams,
  gradeSettingBody,
  ratingScopeParams,
  ratingSettingBody,
  residentRatingBody,
  trackRatingBody,
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
      return loopOfCase(ctx, actor, row, pickLang(request.headers['accept-language']));
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

  app.post(
    '/api/v1/track/:number/rating',
    {
      config: publicRateLimit(ctx.config),
      schema: {
        tags: ['public'],
        summary: 'The reporter rates the result with number + tracking code (满意 / 基本满意 / 不满意)',
        description:
          'Once per closing (409 when already rated). With reporter verification a handled case closes on 满意/基本满意. ' +
          '不满意 reopens it when the settings say so. A wrong number or code is 404.',
        params: trackParams,
        body: trackRatingBody,
        response: { 200: trackView },
      },
    },
    async (request) => {
      const { code, ...rating } = request.body;
      const row = await findTrackedCase(ctx, request.params.number, code);
      const updated = await rateAsReporter(ctx, row.id, { ...rating, channel: 'tracking' }, request.actor);
      return presentTrackedCase(ctx, updated, code, pickLang(request.headers['accept-language']));
    },
  );

  app.post(
    '/api/v1/resident/cases/:id/rating',
    {
      config: publicRateLimit(ctx.config),
      schema: {
        tags: ['residents'],
        summary: 'Rate the result of one of my cases (404 unless it is mine; 409 when already rated)',
        params: residentCaseParams,
        body: residentRatingBody,
        response: { 200: residentCaseDetail },
      },
    },
    async (request) => {
      const resident = requireResident(request.actor);
      const lang = pickLang(request.headers['accept-language']);
      const mine = await getResidentCase(ctx, resident, request.params.id, lang);
      await rateAsReporter(ctx, mine.id, { ...request.body, channel: 'resident', residentId: resident.id }, resident);
      return getResidentCase(ctx, resident, request.params.id, lang);
    },
  );
};
