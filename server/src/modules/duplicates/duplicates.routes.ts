import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { publicRateLimit } from '../../platform/hardening.js';
import { requirePermission } from '../../platform/actor.js';
import { caseIdParams, findCaseInScope } from '../cases/index.js';
import { requireResident } from '../residents/index.js';
import { replaceRules, rulesView } from './duplicate-rules.js';
import {
  duplicatesView,
  flagsBody,
  flagsView,
  followedCasesView,
  followersView,
  followRatingBody,
  followView,
  rulesBody,
  rulesView as rulesSchema,
  similarBody,
  similarView,
} from './duplicates.schema.js';
import { followCase, followersOfCase, listFollowedCases, rateFollowedCase, unfollowCase } from './follows.service.js';
import { duplicateFlags, duplicatesOfCase, similarForReport } from './similar.service.js';

/** Rules (admin), candidates (forms, case page, inbox), and following a case (residents). */
export const duplicatesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/duplicates/rules',
    { schema: { tags: ['duplicates'], summary: 'Duplicate rules: radius and time window, county default and per category — category:edit', response: { 200: rulesSchema } } },
    async (request) => rulesView(ctx, request.actor, request.lang),
  );
  app.put(
    '/api/v1/duplicates/rules',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Replace the duplicate rules (409 on a stale version; audited) — category:edit',
        body: rulesBody,
        response: { 200: rulesSchema },
      },
    },
    async (request) => replaceRules(ctx, request.actor, request.body, request.lang),
  );

  app.post(
    '/api/v1/cases/similar',
    {
      config: publicRateLimit(ctx.config),
      schema: {
        tags: ['duplicates'],
        summary: 'Open cases near a report being written (附近已有相似问题): staff see their scope with reasons, others only close matches, masked',
        body: similarBody,
        response: { 200: similarView },
      },
    },
    async (request) => similarForReport(ctx, request.actor, request.body, request.lang),
  );
  app.get(
    '/api/v1/cases/:id/duplicates',
    { schema: { tags: ['duplicates'], summary: 'Likely duplicates of a case, with their reasons (404 outside scope)', params: caseIdParams, response: { 200: duplicatesView } } },
    async (request) => duplicatesOfCase(ctx, request.actor, request.params.id, request.lang),
  );
  app.post(
    '/api/v1/duplicates/flags',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Which of these cases (an inbox page) have likely duplicates (cases outside scope are left out)',
        body: flagsBody,
        response: { 200: flagsView },
      },
    },
    async (request) => duplicateFlags(ctx, request.actor, request.body.caseIds),
  );
  app.get(
    '/api/v1/cases/:id/followers',
    { schema: { tags: ['duplicates'], summary: 'Who follows a case (附议) and their ratings — no phones or names (404 outside scope)', params: caseIdParams, response: { 200: followersView } } },
    async (request) => {
      const staff = requirePermission(request.actor, 'case:read');
      if (!(await findCaseInScope(ctx.db, staff, request.params.id))) throw notFound({ zh: '找不到该案件', en: 'No such case' });
      return followersOfCase(ctx, request.params.id);
    },
  );

  app.post(
    '/api/v1/cases/:id/follow',
    {
      config: publicRateLimit(ctx.config),
      schema: { tags: ['residents'], summary: 'Follow an open case (附议) instead of reporting it again — signed-in resident', params: caseIdParams, response: { 200: followView } },
    },
    async (request) => followCase(ctx, requireResident(request.actor), request.params.id),
  );
  app.delete(
    '/api/v1/cases/:id/follow',
    {
      config: publicRateLimit(ctx.config),
      schema: { tags: ['residents'], summary: 'Stop following a case (404 when not following)', params: caseIdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await unfollowCase(ctx, requireResident(request.actor), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/cases/:id/follow/rating',
    {
      config: publicRateLimit(ctx.config),
      schema: {
        tags: ['residents'],
        summary: 'A follower rates the result once it is handled or closed (409 when already rated); the case does not change',
        params: caseIdParams,
        body: followRatingBody,
        response: { 200: followView },
      },
    },
    async (request) => rateFollowedCase(ctx, requireResident(request.actor), request.params.id, request.body),
  );
  app.get(
    '/api/v1/resident/follows',
    { schema: { tags: ['residents'], summary: 'The cases I follow (附议), by choice or because my report was merged into them', response: { 200: followedCasesView } } },
    async (request) => listFollowedCases(ctx, requireResident(request.actor), request.lang),
  );
};
