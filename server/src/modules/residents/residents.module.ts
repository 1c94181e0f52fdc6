import { residentsRoutes } from './residents.routes.js';

/** Residents: sign-in with a one-time code by text message (their own cases: modules/resident-cases). */
export const residentsModule = { name: 'residents', routes: residentsRoutes } as const;
