/**
 * 吹哨报到: whistles, summoned departments, check-ins and progress reports.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { reopensOnDissatisfied } from './whistle-settings.js';
export { whistlesModule } from './whistles.module.js';
export { residentRatingBody, trackRatingBody } from './whistles.schema.js';
