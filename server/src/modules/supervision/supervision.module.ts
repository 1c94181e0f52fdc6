import { deadlineTimerHandlers } from './deadline-handlers.js';
import { supervisionRoutes } from './supervision.routes.js';

/**
 * Deadlines enforced (docs/supervision.md): the handlers of the deadline timers (80 % warnings,
 * overdue → supervision notice one step up the ladder, auto-escalation) and the notices themselves
 * (督办单: list, acknowledge, manual issue, print).
 */
export const supervisionModule = { name: 'supervision', routes: supervisionRoutes, timerHandlers: deadlineTimerHandlers } as const;
