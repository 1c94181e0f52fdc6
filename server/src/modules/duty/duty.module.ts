import { dutyRoutes } from './duty.routes.js';

/** 值班表 (duty roster) per town; `dutyOfficersAt` (duty-roster.ts) answers who is on duty. */
export const dutyModule = { name: 'duty', routes: dutyRoutes } as const;
