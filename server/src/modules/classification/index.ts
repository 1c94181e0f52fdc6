/**
 * 智能分拨: suggests a new case's category and the unit to dispatch to, from models trained on the county's closed cases.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { classificationModule } from './classification.module.js';
export { switchOnForDemo } from './models.service.js';
export { trainModels, type TrainOutcome } from './training.service.js';
