import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { publicRateLimit } from '../../platform/hardening.js';
import { requireResident } from '../residents/index.js';
import { getResidentCase, residentCaseDetail, residentCaseParams } from '../resident-cases/index.js';
import { trackParams, trackView, findTrackedCase, presentTrackedCase } from '../cases/index.js';
import { residentRatingBody, trackRatingBody } from '../whistles/index.js';
import { rateAsReporter } from './ratings.service.js';

/** The reporter rates the result: from the tracking page (number + code) or signed in (我的诉求). */
export const ratingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
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
      return presentTrackedCase(ctx, updated, code, request.lang);
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
      const lang = request.lang;
      const mine = await getResidentCase(ctx, resident, request.params.id, lang);
      await rateAsReporter(ctx, mine.id, { ...request.body, channel: 'resident', residentId: resident.id }, resident);
      return getResidentCase(ctx, resident, request.params.id, lang);
    },
  );
};
