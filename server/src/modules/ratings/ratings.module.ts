import type { CaseExtension } from '../cases/index.js';
import { followUpEffect, rateEffect } from './rating-effects.js';
import { ratingFactsOf, ratingStateOf } from './rating-facts.js';
import { ratingsRoutes } from './ratings.routes.js';

/** Rating and follow-up are case actions; this module holds their effects and facts, and what the tracking page shows. */
const caseExtension: CaseExtension = {
  effects: { rate: rateEffect, 'follow-up': followUpEffect },
  facts: ratingFactsOf,
  ratingStateOf,
};

/**
 * Ratings (评价) and follow-ups (回访), docs/whistles.md "Rating": the reporter's rating from the
 * tracking page or 我的诉求, staff recording one on their behalf, and what 不满意 does (closes, sends
 * back, reopens, or asks the village to follow up). Above whistles: its settings and tables are there.
 */
export const ratingsModule = { name: 'ratings', routes: ratingsRoutes, caseExtension } as const;
