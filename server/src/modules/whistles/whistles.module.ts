import { whistlesRoutes } from './whistles.routes.js';
import { checkInOverdueHandler } from './whistle-timer.js';

/**
 * Whistle and report (吹哨报到), urging, rating and follow-up. The actions themselves are case
 * actions (modules/cases); this module holds their effects, the summoned parties, the settings,
 * the public and resident rating routes, and the check-in timer handler.
 */
export const whistlesModule = { name: 'whistles', routes: whistlesRoutes, timerHandlers: [checkInOverdueHandler] } as const;
