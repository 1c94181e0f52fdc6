import { caseActionsRoutes } from './case-actions.routes.js';
import { casesRoutes } from './cases.routes.js';
import { caseVocabularyRoutes } from './case-vocabulary.routes.js';
import { holdsCaseIn } from './held-cases.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';

const routes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, opts) => {
  await app.register(casesRoutes, opts);
  await app.register(caseActionsRoutes, opts);
  await app.register(caseVocabularyRoutes, opts);
};

/** Cases: intake, the lifecycle state machine and its policy, lists, detail and public tracking. */
export const casesModule = { name: 'cases', routes, territoryExtension: { mayAlsoSee: holdsCaseIn } } as const;
