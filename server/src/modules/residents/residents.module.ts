import { residentsRoutes } from './residents.routes.js';

/** Residents: sign-in with a one-time code by text message, and their own cases. */
export const residentsModule = { name: 'residents', routes: residentsRoutes } as const;
