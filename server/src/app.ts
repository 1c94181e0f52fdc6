import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authPlugin } from './platform/auth-plugin.js';
import { csrfPlugin } from './platform/csrf.js';
import { passwordChangeGate } from './modules/people/password-change-gate.js';
import type { AppContext } from './platform/context.js';
import { errorHandlerPlugin, frameworkErrorHandler } from './platform/error-handler.js';
import { registerHardening } from './platform/hardening.js';
import { registerHomePage } from './platform/home-page.js';
import { registerOpenApi } from './platform/openapi.js';
import { isWebAppBuilt, registerWebApp } from './platform/web-app.js';
import { privateLoggerOptions } from './platform/log-redaction.js';
import type { AnyJobDefinition } from './platform/jobs/jobs.js';
import { pruneJobsJob } from './platform/jobs/prune.js';
import type { CaseTimerHandler } from './modules/case-timers/case-timers.js';
import type { CaseExtension } from './modules/cases/case-extension.js';
import type { TerritoryExtension } from './modules/territory/territory-extension.js';
import { caseTimersSweepJob } from './modules/case-timers/case-timers.sweep.js';
import { deadlineTimersExtension } from './modules/case-timers/deadline-timers.js';
import { auditModule } from './modules/audit/audit.module.js';
import { categoriesModule } from './modules/categories/categories.module.js';
import { calendarModule } from './modules/calendar/calendar.module.js';
import { deadlinesModule } from './modules/deadlines/deadlines.module.js';
import { casesModule } from './modules/cases/cases.module.js';
import { tasksModule } from './modules/tasks/tasks.module.js';
import { peopleModule } from './modules/people/people.module.js';
import { photosModule } from './modules/photos/photos.module.js';
import { residentsModule } from './modules/residents/residents.module.js';
import { residentCasesModule } from './modules/resident-cases/resident-cases.module.js';
import { integrationsModule } from './modules/integrations/integrations.module.js';
import { privacyModule } from './modules/privacy/privacy.module.js';
import { territoryModule } from './modules/territory/territory.module.js';
import { contactCardsModule } from './modules/contact-cards/contact-cards.module.js';
import { householdsModule } from './modules/households/households.module.js';
import { visitsModule } from './modules/visits/visits.module.js';
import { assignmentsModule } from './modules/assignments/assignments.module.js';
import { dutyModule } from './modules/duty/duty.module.js';
import { supervisionModule } from './modules/supervision/supervision.module.js';
import { notificationsModule } from './modules/notifications/notifications.module.js';
import { emailStatus } from './modules/notifications/mailer.js';
import { whistlesModule } from './modules/whistles/whistles.module.js';
import { ratingsModule } from './modules/ratings/ratings.module.js';

export const appVersion = '0.1.0';

/** Every feature module, registered in this order. Read top to bottom to know what the API is. */
const modules = [territoryModule, peopleModule, categoriesModule, calendarModule, deadlinesModule, casesModule, tasksModule, photosModule, auditModule, privacyModule, residentsModule, residentCasesModule, integrationsModule, householdsModule, supervisionModule, whistlesModule, ratingsModule, notificationsModule, visitsModule, contactCardsModule, assignmentsModule, dutyModule] as const;

/** Handlers of case timers (modules/case-timers), one per kind, from each module's `timerHandlers`. */
export const timerHandlers: readonly CaseTimerHandler[] = modules.flatMap((m): readonly CaseTimerHandler[] => ('timerHandlers' in m ? m.timerHandlers : []));

/**
 * What plugs into cases (case-extension.ts): the deadline timers, then each module's `caseExtension`
 * (effects of its actions, facts, listeners), in this order.
 */
export const caseExtensions: readonly CaseExtension[] = [deadlineTimersExtension, ...modules.flatMap((m): readonly CaseExtension[] => ('caseExtension' in m ? [m.caseExtension] : []))];

/** What plugs into territory (territory-extension.ts), from each module's `territoryExtension`. */
export const territoryExtensions: readonly TerritoryExtension[] = modules.flatMap((m): readonly TerritoryExtension[] => ('territoryExtension' in m ? [m.territoryExtension] : []));

/** Every kind of background job the worker knows: the platform's own, the timer sweep, then each module's `jobs`. */
export const jobDefinitions: readonly AnyJobDefinition[] = [pruneJobsJob, caseTimersSweepJob(timerHandlers), ...modules.flatMap((m) => ('jobs' in m ? m.jobs : []))];

export interface BuildAppOptions {
  /** `stream`: where log lines go (default stdout); tests read it to prove what never reaches the log. */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
}

/** Builds the HTTP app around an already-opened context (database, secrets, grid index). */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Logs never carry bodies, credentials or secret query parameters (log-redaction.ts).
    logger: typeof options.logger === 'object' ? privateLoggerOptions(options.logger.level, options.logger.stream) : (options.logger ?? false),
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const serveApp = isWebAppBuilt();
  await app.register(errorHandlerPlugin, { serveApp });
  await app.register(cookie);
  await app.register(authPlugin, { ctx });
  await app.register(csrfPlugin);
  await app.register(passwordChangeGate);
  await registerHardening(app);
  await registerOpenApi(app, appVersion);

  // The built web app owns `/`; without a build, a plain page says where things are.
  if (serveApp) await registerWebApp(app);
  else registerHomePage(app);
  app.get('/healthz', { schema: { hide: true } }, async () => ({
    status: 'ok',
    version: appVersion,
    database: ctx.database.engine,
    grids: ctx.grids.current.size,
    email: emailStatus(ctx.config),
  }));

  for (const module of modules) {
    await app.register(module.routes, { ctx });
  }
  return app;
}
