import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireResident } from '../residents/index.js';
import { getResidentCase, listResidentCases } from './resident-cases.service.js';
import { residentCaseDetail, residentCaseList, residentCaseParams, residentCasesQuery } from './resident-cases.schema.js';

export const residentCasesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/resident/cases',
    {
      schema: {
        tags: ['residents'],
        summary: 'My cases: reported with my phone number or while signed in, newest first',
        querystring: residentCasesQuery,
        response: { 200: residentCaseList },
      },
    },
    async (request) => listResidentCases(ctx, requireResident(request.actor), request.query, request.lang),
  );

  app.get(
    '/api/v1/resident/cases/:id',
    {
      schema: {
        tags: ['residents'],
        summary: 'One of my cases: status, area, plain-language timeline and photos (404 unless it is mine)',
        params: residentCaseParams,
        response: { 200: residentCaseDetail },
      },
    },
    async (request) => getResidentCase(ctx, requireResident(request.actor), request.params.id, request.lang),
  );
};
