import { categoriesRoutes } from './categories.routes.js';

/** Categories: demand types and the two-level topic taxonomy with each category's defaults. */
export const categoriesModule = { name: 'categories', routes: categoriesRoutes } as const;
