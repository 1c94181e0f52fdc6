import { territoryRoutes } from './territory.routes.js';

/** Territory: county → town → village → grid, point → grid lookup, grid import and export. */
export const territoryModule = { name: 'territory', routes: territoryRoutes } as const;
