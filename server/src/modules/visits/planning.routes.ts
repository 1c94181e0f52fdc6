import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { listCadences, putCadence } from './cadence.service.js';
import { visitCoverage } from './coverage.service.js';
import { replanOnRequest } from './replan.service.js';
import { cadenceListView, cadenceView, coverageQuery, coverageView, putCadenceBody, replanBody, replanView } from './visits.schema.js';

/** Cadence rules, re-planning and coverage (走访覆盖率) for the console and dashboards. */
export const planningRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/visits/coverage',
    {
      schema: {
        tags: ['visits'],
        summary: '走访覆盖率: households visited within the cycle at a node, its children, cadres behind schedule, households not visited',
        description: 'A stable shape for dashboards (docs/visits.md "Coverage"). 404 for a node outside your territory.',
        querystring: coverageQuery,
        response: { 200: coverageView },
      },
    },
    async (request) => visitCoverage(ctx, request.actor, request.query, request.lang),
  );

  app.get(
    '/api/v1/visits/cadences',
    { schema: { tags: ['visits'], summary: 'Cadence rules on, above and under your nodes (the most specific applies)', response: { 200: cadenceListView } } },
    async (request) => listCadences(ctx, request.actor),
  );

  app.put(
    '/api/v1/visits/cadences',
    {
      schema: {
        tags: ['visits'],
        summary: 'Set the cadence of a town or village (visit:plan); its towns are re-planned',
        description: 'Send the version you read to change an existing rule (409 when stale); omit it to create one.',
        body: putCadenceBody,
        response: { 200: cadenceView },
      },
    },
    async (request) => putCadence(ctx, request.actor, request.body),
  );

  app.post(
    '/api/v1/visits/plans/replan',
    {
      schema: {
        tags: ['visits'],
        summary: '重新生成计划: queue a re-plan of the town(s) of a node (visit:plan); past days and visited items stay',
        body: replanBody,
        response: { 202: replanView },
      },
    },
    async (request, reply) => reply.code(202).send(await replanOnRequest(ctx, request.actor, request.body.nodeId)),
  );
};
