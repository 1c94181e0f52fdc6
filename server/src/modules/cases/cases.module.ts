import { caseActionsRoutes } from './case-actions.routes.js';
import { casesRoutes } from './cases.routes.js';
import { caseVocabularyRoutes } from './case-vocabulary.routes.js';
import { myTasksRoutes } from './my-tasks.routes.js';
import { territoryNodeRoutes } from './territory-node.routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';

const routes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, opts) => {
  await app.register(casesRoutes, opts);
  await app.register(caseActionsRoutes, opts);
  await app.register(myTasksRoutes, opts);
  await app.register(territoryNodeRoutes, opts);
  await app.register(caseVocabularyRoutes, opts);
};

/** Cases: intake, the lifecycle state machine and its policy, lists, detail, public tracking and 我的任务. */
export const casesModule = { name: 'cases', routes } as const;
