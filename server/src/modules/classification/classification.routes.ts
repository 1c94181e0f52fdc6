import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { enqueueJob } from '../../platform/jobs/jobs.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { caseIdParams } from '../cases/index.js';
import {
  caseSuggestionView,
  modelDetailView,
  modelIdParams,
  modelKindParams,
  modelView,
  settingsBody,
  settingsView,
  suggestBody,
  suggestView,
  trainAccepted,
  trainBody,
} from './classification.schema.js';
import { caseSuggestion, suggestCategoryFor } from './case-suggestion.service.js';
import { activateModel, deactivateModels, getModel, listModels, readSettings, rollbackModel, updateSettings } from './models.service.js';
import { presentModel, presentModelDetail } from './model-view.js';
import { trainModelsJob } from './training.jobs.js';

const tags = ['classification'];

export const classificationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/classification/models',
    { schema: { tags, summary: 'Suggestion models of each kind, newest first, with their held-out scores (classification:admin)', response: { 200: z.object({ items: z.array(modelView) }) } } },
    async (request) => ({ items: (await listModels(ctx, request.actor)).map(presentModel) }),
  );

  app.get(
    '/api/v1/classification/models/:id',
    { schema: { tags, summary: 'One model with its full evaluation: per-class precision and recall, confusion matrix (classification:admin)', params: modelIdParams, response: { 200: modelDetailView } } },
    async (request) => presentModelDetail(ctx, await getModel(ctx, request.actor, request.params.id), request.lang),
  );

  app.post(
    '/api/v1/classification/models/train',
    {
      schema: {
        tags,
        summary: 'Train new candidate models from the closed cases, in the background (classification:admin); they appear in the list when done',
        body: trainBody,
        response: { 202: trainAccepted },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'classification:admin');
      const jobId = await ctx.db.transaction(async (tx) => {
        const id = await enqueueJob(tx, trainModelsJob, { ...(request.body.seed !== undefined ? { seed: request.body.seed } : {}) });
        await recordAudit(tx, actor, { action: 'classification.train.request', entityType: 'job', entityId: id ?? undefined, data: { seed: request.body.seed ?? null } }, ctx.clock.now());
        return id!;
      });
      return reply.code(202).send({ jobId });
    },
  );

  app.post(
    '/api/v1/classification/models/:id/activate',
    { schema: { tags, summary: 'Switch a model on; the active one of its kind is retired (classification:admin)', params: modelIdParams, response: { 200: modelDetailView } } },
    async (request) => presentModelDetail(ctx, await activateModel(ctx, request.actor, request.params.id), request.lang),
  );

  app.post(
    '/api/v1/classification/kinds/:kind/rollback',
    { schema: { tags, summary: 'Switch back to the model that was active before the current one (classification:admin)', params: modelKindParams, response: { 200: modelDetailView } } },
    async (request) => presentModelDetail(ctx, await rollbackModel(ctx, request.actor, request.params.kind), request.lang),
  );

  app.post(
    '/api/v1/classification/kinds/:kind/deactivate',
    { schema: { tags, summary: 'Switch suggestions of this kind off (classification:admin)', params: modelKindParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deactivateModels(ctx, request.actor, request.params.kind);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/classification/settings',
    { schema: { tags, summary: 'The confidence above which a suggested category is applied (classification:admin)', response: { 200: settingsView } } },
    async (request) => readSettings(ctx, request.actor),
  );

  app.put(
    '/api/v1/classification/settings',
    { schema: { tags, summary: 'Set the confidence above which a suggested category is applied (classification:admin)', body: settingsBody, response: { 200: settingsView } } },
    async (request) => updateSettings(ctx, request.actor, request.body),
  );

  app.get(
    '/api/v1/cases/:id/suggestion',
    { schema: { tags, summary: "The suggested categories and dispatch targets of a case in the caller's scope, with the reasons", params: caseIdParams, response: { 200: caseSuggestionView } } },
    async (request) => caseSuggestion(ctx, request.actor, request.params.id, request.lang),
  );

  app.post(
    '/api/v1/classification/suggest',
    {
      schema: {
        tags,
        summary: 'Suggest categories for a text before it is reported (the report forms; anyone may ask). Empty when no model is switched on',
        body: suggestBody,
        response: { 200: suggestView },
      },
    },
    async (request) => suggestCategoryFor(ctx, request.body.description, request.lang),
  );
};
