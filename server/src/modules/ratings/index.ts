/**
 * Ratings and follow-up: the reporter's satisfaction, rework on dissatisfaction, follow-up visits.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { ratingsModule } from './ratings.module.js';
export { rateAsReporter } from './ratings.service.js';
