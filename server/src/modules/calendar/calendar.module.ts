import { calendarRoutes } from './calendar.routes.js';

/** The statutory holiday calendar (法定节假日 and 调休) that deadline arithmetic runs on. */
export const calendarModule = { name: 'calendar', routes: calendarRoutes } as const;
