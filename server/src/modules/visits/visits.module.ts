import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import type { CaseExtension } from '../cases/index.js';
import { visitOriginOf } from './case-origin.js';
import { planningRoutes } from './planning.routes.js';
import { replanDailyJob, replanJob } from './replan.service.js';
import { replanTriggers } from './replan-triggers.js';
import { visitsRoutes } from './visits.routes.js';

const routes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, opts) => {
  await app.register(visitsRoutes, opts);
  await app.register(planningRoutes, opts);
};

/** A case raised on a visit shows where it came from. */
const caseExtension: CaseExtension = { originOf: visitOriginOf };

/**
 * Visits (走访): cadence rules, the planner and its stored daily lists (re-planned by jobs), the
 * visit log (民情日记) with cases raised from it, and coverage (走访覆盖率). Re-plans when households,
 * assignments or staff change (`on`). See docs/visits.md.
 */
export const visitsModule = { name: 'visits', routes, jobs: [replanJob, replanDailyJob], on: replanTriggers, caseExtension } as const;
