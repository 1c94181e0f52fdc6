import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { caseAbilitiesOf, caseStatusList } from './case-abilities.js';
import { caseActions, caseStatuses } from './case-machine.js';

const bilingual = z.object({ zh: z.string(), en: z.string() });

const caseStatusesView = z.object({
  items: z.array(z.object({
    status: z.enum(caseStatuses),
    label: bilingual,
    open: z.boolean().describe('The case still needs work (what "open" filters and the overdue count mean)'),
  })),
}).meta({ id: 'CaseStatuses' });

const caseAbilitiesView = z.object({
  actions: z.array(z.enum(caseActions)).describe('Every action your role may take on some case; a given case lists its own in `allowedActions`'),
  canDispatch: z.boolean().describe('You accept and dispatch cases (受理、派单)'),
  hasQueue: z.boolean().describe('You hold cases yourself (待我处理)'),
}).meta({ id: 'CaseAbilities' });

/** The case vocabulary the apps build their lists from: the statuses, and what the caller's role may do with cases. */
export const caseVocabularyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app) => {
  app.get(
    '/api/v1/cases/statuses',
    { schema: { tags: ['cases'], summary: 'The case statuses in lifecycle order, with zh/en labels and whether each is open', response: { 200: caseStatusesView } } },
    async (request) => {
      requirePermission(request.actor, 'case:read');
      return { items: caseStatusList() };
    },
  );

  app.get(
    '/api/v1/cases/abilities',
    { schema: { tags: ['cases'], summary: 'What your role may do with cases, from the case policy', response: { 200: caseAbilitiesView } } },
    async (request) => caseAbilitiesOf(requirePermission(request.actor, 'case:read').role),
  );
};
