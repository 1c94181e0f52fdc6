import { deadlinesRoutes } from './deadlines.routes.js';

/** Deadline policies (时限策略) per category × colour × level; the business clock lives beside them. */
export const deadlinesModule = { name: 'deadlines', routes: deadlinesRoutes } as const;
