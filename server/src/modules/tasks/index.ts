/**
 * 我的任务: one list of what a person has to do today across cases, whistles, notices and visits.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { tasksModule } from './tasks.module.js';
