/**
 * Durable timers on cases (deadline warnings, overdue, reporter silence), fired by one sweep.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { caseTimersModule } from './case-timers.module.js';
export { caseTimersSweepJob } from './case-timers.sweep.js';
export { cancelCaseTimers, defineTimerHandler, scheduleCaseTimer } from './case-timers.js';
export type { CaseTimerHandler, TimerHandlerInput } from './case-timers.js';
export { syncDeadlineTimers } from './deadline-timers.js';
