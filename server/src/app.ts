import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authPlugin } from './platform/auth-plugin.js';
import { csrfPlugin } from './platform/csrf.js';
import { passwordChangeGate, authenticate } from './modules/people/index.js';
import { apiKeyFrom, authenticateApiKey } from './modules/integrations/index.js';
import { authenticateResident, residentTokenPrefix } from './modules/residents/index.js';
import type { AppContext } from './platform/context.js';
import { errorHandlerPlugin, frameworkErrorHandler } from './platform/error-handler.js';
import { requestLangPlugin } from './platform/request-lang.js';
import { registerHardening } from './platform/hardening.js';
import { registerHomePage } from './platform/home-page.js';
import { registerOpenApi } from './platform/openapi.js';
import { isWebAppBuilt, registerWebApp } from './platform/web-app.js';
import { privateLoggerOptions } from './platform/log-redaction.js';
import type { AnyJobDefinition } from './platform/jobs/jobs.js';
import { pruneJobsJob } from './platform/jobs/prune.js';
import type { CaseTimerHandler } from './modules/case-timers/index.js';
import { caseTimersSweepJob } from './modules/case-timers/index.js';
import { emailStatus } from './modules/notifications/index.js';
import { modules } from './feature-modules.js';

export const appVersion = '0.1.0';

/** Handlers of case timers (modules/case-timers), one per kind, from each module's `timerHandlers`. */
export const timerHandlers: readonly CaseTimerHandler[] = modules.flatMap((m): readonly CaseTimerHandler[] => ('timerHandlers' in m ? m.timerHandlers : []));


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
  await app.register(requestLangPlugin);
  await app.register(errorHandlerPlugin, { serveApp });
  await app.register(cookie);
  await app.register(authPlugin, { ctx, resolvers: { apiKeyFrom, authenticateApiKey, residentTokenPrefix, authenticateResident, authenticateStaff: authenticate } });
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
    if ('routes' in module) await app.register(module.routes, { ctx });
  }
  return app;
}
