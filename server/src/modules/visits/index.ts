/**
 * 下沉走访: visit plans and cadence, recorded visits, cases raised from a visit, coverage.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { replanTown } from './replan.service.js';
export { addDays } from './visit-planner.js';
export { visitsModule } from './visits.module.js';
