import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { taskListView } from './my-tasks.schema.js';
import { myTasks } from './my-tasks.service.js';

export const myTasksRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/me/tasks',
    {
      schema: {
        tags: ['cases'],
        summary: '我的任务: what you must do now — cases you can move, whistle check-ins and reports, 督办单 to 签收, today’s visits',
        description: 'An item appears only when you can act on it now (the same policy as the actions). Ordered by due time.',
        response: { 200: taskListView },
      },
    },
    async (request) => myTasks(ctx, request.actor, request.lang),
  );
};
