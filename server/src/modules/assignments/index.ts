/**
 * 包联: which cadre is bound to which village or grid, the supervision ladder above a village, coverage.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { assignmentsModule } from './assignments.module.js';
export { presentStaffByIds } from './assignments.present.js';
export { activeAssignments } from './assignments.queries.js';
export { assignedStaffView, isoDate } from './assignments.schema.js';
export { staffFacts } from './assignments.scope.js';
export { supervisionRecipients } from './ladder.js';
