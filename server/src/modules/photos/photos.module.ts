import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { photosRoutes } from './photos.routes.js';
import { photosForCases } from './photos-for-cases.js';

/**
 * Photos: upload (anyone), attach to a case at intake (`photoIds`) or on `handle` (`evidence`),
 * and serve them to staff in scope or to the reporter with the tracking code.
 */
export const photosModule = { name: 'photos', routes: photosRoutes as FastifyPluginAsyncZod<{ ctx: AppContext }>, caseExtension: { photos: photosForCases } } as const;
