/**
 * The duty roster: who is on call for a town or the county on a given day.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { dutyOfficersAt, townCenterOperators } from './duty-roster.js';
export { dutyModule } from './duty.module.js';
