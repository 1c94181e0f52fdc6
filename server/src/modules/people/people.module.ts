import { peopleRoutes } from './people.routes.js';

/** People: staff, units, roles and sign-in. */
export const peopleModule = { name: 'people', routes: peopleRoutes } as const;
