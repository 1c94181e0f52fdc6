import { residentCasesRoutes } from './resident-cases.routes.js';

/**
 * 我的诉求: a signed-in resident's own cases (reported with their phone or while signed in), listed
 * and shown in plain language. Above cases and residents: it reads both.
 */
export const residentCasesModule = { name: 'resident-cases', routes: residentCasesRoutes } as const;
