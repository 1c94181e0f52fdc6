/**
 * The working-day calendar (statutory holidays and make-up days) and the business clock that counts limits on it.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { addLimit, isWorkingTime, pointAt, resumeAfterPause } from './business-clock.js';
export type { WorkingDayCalendar } from './business-clock.js';
export { calendarModule } from './calendar.module.js';
export { workingCalendar } from './working-calendar.js';
