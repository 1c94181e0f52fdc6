import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { idempotencyKeyHeader } from '../../platform/idempotency.js';
import { householdDetail, listVisits, recordVisit, todayList } from './visits.service.js';
import { raiseCaseFromVisit } from './visit-cases.service.js';
import {
  householdDetailView,
  idParams,
  listVisitsQuery,
  raiseCaseBody,
  raisedCaseView,
  recordVisitBody,
  todayView,
  visitListView,
  visitView,
} from './visits.schema.js';

const idempotencyHeaders = idempotencyKeyHeader('Same key + same body returns the case raised first (a double tap raises one case)');

/** The visit log (民情日记) on the phone: today's list, households, recording, raising cases. */
export const visitsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/visits/today',
    { schema: { tags: ['visits'], summary: "Today's visit list (今日走访) of the caller, in order, households masked", response: { 200: todayView } } },
    async (request) => todayList(ctx, request.actor, request.lang),
  );

  app.get(
    '/api/v1/visits/households/:id',
    {
      schema: {
        tags: ['visits'],
        summary: 'One household for a visitor: address, tags, members masked, latest visits (404 outside your area)',
        params: idParams,
        response: { 200: householdDetailView },
      },
    },
    async (request) => householdDetail(ctx, request.actor, request.params.id, request.lang),
  );

  app.post(
    '/api/v1/visits',
    {
      schema: {
        tags: ['visits'],
        summary: 'Record a visit (idempotent per clientId: 200 replays the first, 422 for another body with it)',
        description: `visitedAt may be at most ${7} days old and not in the future. The household must be in your assignments (404 otherwise). Marks the plan item visited and sets the household's last visit.`,
        body: recordVisitBody,
        response: { 200: visitView, 201: visitView },
      },
    },
    async (request, reply) => {
      const { visit, isReplay } = await recordVisit(ctx, request.actor, request.body);
      if (isReplay) reply.header('idempotent-replayed', 'true');
      return reply.code(isReplay ? 200 : 201).send(visit);
    },
  );

  app.get(
    '/api/v1/visits',
    {
      schema: { tags: ['visits'], summary: 'My visits, or one household’s visits, newest first', querystring: listVisitsQuery, response: { 200: visitListView } },
    },
    async (request) => listVisits(ctx, request.actor, request.query),
  );

  app.post(
    '/api/v1/visits/:id/cases',
    {
      schema: {
        tags: ['visits'],
        summary: '发现问题，一键上报: raise a case (channel visit) from your own visit, located at the household',
        params: idParams,
        headers: idempotencyHeaders,
        body: raiseCaseBody,
        response: { 201: raisedCaseView },
      },
    },
    async (request, reply) => {
      const raised = await raiseCaseFromVisit(ctx, request.actor, request.params.id, request.body, request.headers['idempotency-key']);
      return reply.code(201).send(raised);
    },
  );
};
