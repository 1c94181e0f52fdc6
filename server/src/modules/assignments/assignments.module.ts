import { assignmentsRoutes } from './assignments.routes.js';

/** 包联/包挂 assignments, the supervision ladder (ladder.ts) and the coverage report. */
export const assignmentsModule = { name: 'assignments', routes: assignmentsRoutes } as const;
