import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { publicRateLimit } from '../../platform/hardening.js';
import { findCjkFonts } from './cjk-font.js';
import { gridCardParams, householdCardParams, publicContactCardView, villageCardParams } from './contact-cards.schema.js';
import { gridCardPdf, householdCardPdf, publicContactCard, villageCardsPdf, type CardDeps, type CardPdf } from './contact-cards.service.js';

const pdfDescription = 'Answers application/pdf (Chinese text in the embedded CJK font). 503 problem+json when the server has no CJK font (install fonts-noto-cjk or set WANGGE_CJK_FONT).';

function sendPdf(reply: FastifyReply, card: CardPdf) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${card.filename}"; filename*=UTF-8''${encodeURIComponent(card.displayName)}`)
    .header('cache-control', 'private, no-store')
    .send(card.pdf);
}

export const contactCardsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Looked for once at start-up; without it the PDFs answer 503 and the log says what to install.
  const fonts = findCjkFonts(ctx.config);
  if (!fonts.isFound) app.log.warn({ looked: fonts.looked }, 'contact cards: no CJK font found; PDFs answer 503 until fonts-noto-cjk is installed or WANGGE_CJK_FONT is set');
  const deps = (request: FastifyRequest): CardDeps => ({ ctx, fonts, publicBaseUrl: ctx.config.publicBaseUrl ?? `${request.protocol}://${request.host}` });

  app.get(
    '/api/v1/contact-cards/grids/:gridCode.pdf',
    { schema: { tags: ['contact-cards'], summary: "A grid's contact card (党群联系卡), one A6 card per page (staff with staff:read, in scope)", description: pdfDescription, params: gridCardParams } },
    async (request, reply) => sendPdf(reply, await gridCardPdf(deps(request), request.actor, request.params.gridCode)),
  );

  app.get(
    '/api/v1/contact-cards/villages/:villageCode.pdf',
    {
      schema: {
        tags: ['contact-cards'],
        summary: 'The cards of every grid of a village, two per A4 sheet with cut marks (staff whose territory contains the village)',
        description: pdfDescription,
        params: villageCardParams,
      },
    },
    async (request, reply) => sendPdf(reply, await villageCardsPdf(deps(request), request.actor, request.params.villageCode)),
  );

  app.get(
    '/api/v1/contact-cards/households/:id.pdf',
    {
      schema: {
        tags: ['contact-cards'],
        summary: "A household's card (一户一卡): its grid's card with the address, no member data (household:read, in scope)",
        description: pdfDescription,
        params: householdCardParams,
      },
    },
    async (request, reply) => sendPdf(reply, await householdCardPdf(deps(request), request.actor, request.params.id)),
  );

  app.get(
    '/api/v1/public/contact-cards/:gridCode',
    {
      config: publicRateLimit(ctx.config, 4),
      schema: {
        tags: ['contact-cards'],
        summary: "A grid's contact card for residents (/r/card/<gridCode>): what the printed card shows, work phones included",
        params: gridCardParams,
        response: { 200: publicContactCardView },
      },
    },
    async (request) => publicContactCard(deps(request), request.params.gridCode),
  );
};
