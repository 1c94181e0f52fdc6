import { myTasksRoutes } from './my-tasks.routes.js';

/**
 * 我的任务 (GET /me/tasks): what waits for the signed-in staff member today — cases by `decide`,
 * whistle duties, 督办单 to sign, today's visits. Above the modules it gathers from.
 */
export const tasksModule = { name: 'tasks', routes: myTasksRoutes } as const;
