import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { invalidField } from '../../platform/errors.js';
import { presentCaseDetail, presentNewCase } from './case-view.js';
import { createCase } from './intake.service.js';
import { getCase, searchCases } from './cases.service.js';
import { trackCase, trackingCodeOf } from './tracking.service.js';
import { publicRateLimit } from '../../platform/hardening.js';
import { idempotencyKeyHeader } from '../../platform/idempotency.js';
import { casePhotos } from './case-photos.js';
import {
  caseDetailView,
  caseIdParams,
  caseListView,
  createCaseBody,
  createdCaseView,
  listCasesQuery,
  trackParams,
  trackQuery,
  trackView,
} from './cases.schema.js';

const idempotencyHeaders = idempotencyKeyHeader('Same key + same body returns the original case; same key + different body is 422');

export const casesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/cases',
    {
      config: publicRateLimit(ctx.config),
      schema: {
        tags: ['cases'],
        summary: 'Report a case (上报)',
        description: 'Residents may report without signing in (channel resident_app); staff report through any channel inside their territory.',
        headers: idempotencyHeaders,
        body: createCaseBody,
        response: { 200: createdCaseView, 201: createdCaseView },
      },
    },
    async (request, reply) => {
      const lang = request.lang;
      const { row, isReplay, createdEvent } = await createCase(ctx, request.actor, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        photoClaim: casePhotos(ctx).claimOfRequest(request),
      });
      const trackingCode = trackingCodeOf(ctx, row) ?? '';
      // A resident sees the case the moment it is made; afterwards only by number + tracking code.
      const viewer = request.actor.kind === 'staff' ? request.actor : null;
      const detail =
        isReplay || !createdEvent
          ? await presentCaseDetail(ctx, viewer, row, lang)
          : await presentNewCase(ctx, viewer, row, request.body.isAnonymous ? null : (request.body.reporter ?? null), createdEvent, lang, request.body.photoIds ?? []);
      if (isReplay) reply.header('idempotent-replayed', 'true');
      return reply.code(isReplay ? 200 : 201).send({ ...detail, trackingCode });
    },
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases in your territory, filtered, newest first (keyset pagination)',
        querystring: listCasesQuery,
        response: { 200: caseListView },
      },
    },
    async (request) => searchCases(ctx, request.actor, request.query, request.lang),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case: facts, timeline, allowed actions and version',
        params: caseIdParams,
        response: { 200: caseDetailView },
      },
    },
    async (request) => getCase(ctx, request.actor, request.params.id, request.lang),
  );

  app.get(
    '/api/v1/track/:number',
    {
      config: publicRateLimit(ctx.config, 4),
      schema: {
        tags: ['public'],
        summary: 'Follow a case by number and tracking code (no personal data)',
        params: trackParams,
        querystring: trackQuery,
        response: { 200: trackView },
      },
    },
    async (request) => {
      if (!request.query.code) throw invalidField('query.code', { zh: '请填写查询码', en: 'tracking code required' });
      return trackCase(ctx, request.params.number, request.query.code, request.lang);
    },
  );
};
