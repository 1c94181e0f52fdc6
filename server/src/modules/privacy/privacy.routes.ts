import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { caseIdParams } from '../cases/index.js';
import { erasePerson } from './erasure.service.js';
import { erasureBody, erasureView, listRevealsQuery, revealBody, revealLogView, revealView } from './privacy.schema.js';
import { listReveals, revealReporter } from './reveal.service.js';

export const privacyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/cases/:id/reporter/reveal',
    {
      schema: {
        tags: ['privacy'],
        summary: "Reveal a case reporter's name and phone, with a reason (recorded) — needs pii:read",
        description:
          'Case detail always shows the reporter masked. This returns the clear values once, for this view: the reveal (who, whose, what, when, why) is recorded and listed for administrators. 403 without pii:read, 422 without a reason, 404 outside your scope or for an anonymous case, 410 when the person’s data was erased.',
        params: caseIdParams,
        body: revealBody,
        response: { 200: revealView },
      },
    },
    async (request, reply) => {
      const revealed = await revealReporter(ctx, request.actor, request.params.id, request.body, request.ip);
      // Clear personal data: never stored by the browser or a proxy.
      return reply.header('cache-control', 'no-store').send(revealed);
    },
  );

  app.get(
    '/api/v1/privacy/reveals',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Who revealed whose personal data, when and why — needs audit:read',
        querystring: listRevealsQuery,
        response: { 200: revealLogView },
      },
    },
    async (request) => listReveals(ctx, request.actor, request.query),
  );

  app.post(
    '/api/v1/privacy/erasures',
    {
      schema: {
        tags: ['privacy'],
        summary: "Erase a person's personal data on request (PIPL) — needs pii:erase",
        description:
          'Finds every registered record of the phone (by keyed hash), empties its encrypted values and hashes and marks it erased; the records stay, so cases and their history still resolve and show the reporter as erased. dryRun: only report. Audited as pii.erase with counts, never the phone.',
        body: erasureBody,
        response: { 200: erasureView },
      },
    },
    async (request) => erasePerson(ctx, requirePermission(request.actor, 'pii:erase'), request.body, request.ip),
  );
};
