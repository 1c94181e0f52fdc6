import { whistlesRoutes } from './whistles.routes.js';
import { checkInOverdueHandler } from './whistle-timer.js';
import type { CaseExtension } from '../cases/index.js';
import { checkInEffect, reportProgressEffect, urgeEffect, whistleEffect } from './whistle-effects.js';
import { whistleFactsOf } from './whistle-facts.js';

/** The case actions this module owns, and the facts they are decided on. */
const caseExtension: CaseExtension = {
  effects: { whistle: whistleEffect, 'check-in': checkInEffect, 'report-progress': reportProgressEffect, urge: urgeEffect },
  facts: whistleFactsOf,
};

/**
 * Whistle and report (吹哨报到) and urging (催办). The actions themselves are case actions
 * (modules/cases); this module holds their effects, the summoned parties, the whistle and rating
 * settings, the case's loop view (whistles, urges, ratings, follow-ups) and the check-in timer
 * handler. Rating and follow-up themselves: modules/ratings.
 */
export const whistlesModule = { name: 'whistles', routes: whistlesRoutes, timerHandlers: [checkInOverdueHandler], caseExtension } as const;
