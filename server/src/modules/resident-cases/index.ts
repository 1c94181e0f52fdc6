/**
 * 我的诉求: a resident's own cases — the list and one case, by the keyed phone hash or the reporter's resident id.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { residentCasesModule } from './resident-cases.module.js';
export { residentCaseDetail, residentCaseParams } from './resident-cases.schema.js';
export { areaOf, getResidentCase } from './resident-cases.service.js';
