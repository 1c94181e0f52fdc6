import { whistlesRoutes } from './whistles.routes.js';
import { checkInOverdueHandler } from './whistle-timer.js';
import type { CaseExtension } from '../cases/case-extension.js';
import { checkInEffect, followUpEffect, rateEffect, reportProgressEffect, urgeEffect, whistleEffect } from './whistle-effects.js';
import { whistleFactsOf } from './whistle-facts.js';
import { ratingStateOf } from './whistles.queries.js';

/** The case actions this module owns, and the facts they are decided on. */
const caseExtension: CaseExtension = {
  effects: { whistle: whistleEffect, 'check-in': checkInEffect, 'report-progress': reportProgressEffect, urge: urgeEffect, rate: rateEffect, 'follow-up': followUpEffect },
  facts: whistleFactsOf,
  ratingStateOf,
};

/**
 * Whistle and report (吹哨报到), urging, rating and follow-up. The actions themselves are case
 * actions (modules/cases); this module holds their effects, the summoned parties, the settings,
 * the public and resident rating routes, and the check-in timer handler.
 */
export const whistlesModule = { name: 'whistles', routes: whistlesRoutes, timerHandlers: [checkInOverdueHandler], caseExtension } as const;
