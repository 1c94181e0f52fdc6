import { deadlineTimersExtension } from './deadline-timers.js';

/**
 * Case timers: durable timers on cases (deadline warnings, overdue, reporter silence). No routes of its own:
 * it keeps each case's deadline timers in step with every change (a case extension); the sweep job that fires
 * them is built in app.ts from every module's `timerHandlers`.
 */
export const caseTimersModule = { name: 'case-timers', caseExtension: deadlineTimersExtension } as const;
