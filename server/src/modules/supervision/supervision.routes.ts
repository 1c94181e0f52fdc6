import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { renderNoticePrint } from './notice-print.js';
import { acknowledgeBody, caseNoticesParams, issueNoticeBody, listNoticesQuery, noticeIdParams, noticeListView, noticeView } from './supervision.schema.js';
import { acknowledgeNotice, getSupervisionNotice, issueManualNotice, listSupervisionNotices, noticeIssuerRoles, noticesOfCase } from './supervision.service.js';

const tags = ['supervision'];

export const supervisionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/supervision-notices',
    { schema: { tags, summary: 'Supervision notices (督办单) on cases in your territory and addressed to you, newest first', querystring: listNoticesQuery, response: { 200: noticeListView } } },
    async (request) => listSupervisionNotices(ctx, request.actor, request.query),
  );

  app.post(
    '/api/v1/supervision-notices',
    {
      schema: {
        tags,
        summary: 'Issue a supervision notice by hand (leaders, town centers) for an open case in your territory',
        description: 'Addressed one step up the ladder unless `addressedTo` names the staff. 404 outside your territory, 409 for a finished case.',
        body: issueNoticeBody,
        response: { 201: noticeView },
      },
    },
    async (request, reply) => reply.code(201).send(await issueManualNotice(ctx, request.actor, request.body)),
  );

  app.get(
    '/api/v1/supervision-notices/:id',
    { schema: { tags, summary: 'One supervision notice', params: noticeIdParams, response: { 200: noticeView } } },
    async (request) => getSupervisionNotice(ctx, request.actor, request.params.id),
  );

  app.post(
    '/api/v1/supervision-notices/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge (签收) a notice addressed to you, with a reply',
        description: '403 when you are not an addressee, 409 when it is already acknowledged.',
        params: noticeIdParams,
        body: acknowledgeBody,
        response: { 200: noticeView },
      },
    },
    async (request) => acknowledgeNotice(ctx, request.actor, request.params.id, request.body.reply),
  );

  app.get(
    '/api/v1/supervision-notices/:id/print',
    { schema: { tags, summary: 'The notice as a printable A4 HTML page (红头 督办单, Chinese)', params: noticeIdParams, produces: ['text/html'] } },
    async (request, reply) => {
      const notice = await getSupervisionNotice(ctx, request.actor, request.params.id);
      const html = await renderNoticePrint(ctx.db, notice);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );

  app.get(
    '/api/v1/cases/:id/supervision-notices',
    {
      schema: {
        tags,
        summary: 'The supervision notices of one case, and whether you may issue one by hand',
        params: caseNoticesParams,
        response: { 200: z.object({ items: z.array(noticeView), canIssue: z.boolean().describe('Your role issues notices by hand (leaders, town centers); the case must still be open') }) },
      },
    },
    async (request) => ({
      items: await noticesOfCase(ctx, request.actor, request.params.id),
      canIssue: request.actor.kind === 'staff' && noticeIssuerRoles.includes(request.actor.role),
    }),
  );
};
