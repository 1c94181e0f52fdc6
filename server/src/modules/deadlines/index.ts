/**
 * Deadline policies: respond-by and resolve-by for a case from its category or the county's defaults.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { caseLimits } from './deadline-policies.js';
export { deadlinesModule } from './deadlines.module.js';
export { clockedLimits, resolveByAfterPause, resolveByFrom, respondByFrom } from './deadlines.service.js';
export { seedsRule } from './seeds-rule.js';
