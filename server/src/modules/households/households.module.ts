import { householdsRoutes } from './households.routes.js';

/** Household registry (户 and 居民): hand edits, map placement and the streamed all-or-nothing import. */
export const householdsModule = { name: 'households', routes: householdsRoutes } as const;
