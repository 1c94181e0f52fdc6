import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { copyWeekBody, copyWeekView, createDutyShiftBody, dutyListQuery, dutyListView, dutyParams, dutyShiftView, onDutyQuery, onDutyView } from './duty.schema.js';
import { cancelDutyShift, copyDutyWeek, createDutyShift, listDutyShifts, onDuty } from './duty.service.js';

const scopeNote = 'Readable by staff whose nodes contain the town or lie in it; edited with duty:admin over the town. Other towns answer 404.';

/** 值班表: duty shifts per town, and who is on duty at an instant. */
export const dutyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['duty'];
  app.get(
    '/api/v1/duty-shifts',
    { schema: { tags, summary: "A town's duty shifts between two days (Asia/Shanghai)", description: scopeNote, querystring: dutyListQuery, response: { 200: dutyListView } } },
    async (request) => listDutyShifts(ctx, request.actor, request.query, request.lang),
  );
  app.post(
    '/api/v1/duty-shifts',
    { schema: { tags, summary: 'Add a shift (ends after it starts, at most 48 h, the person belongs to the town, no overlap with their other shifts)', body: createDutyShiftBody, response: { 201: dutyShiftView } } },
    async (request, reply) => reply.code(201).send(await createDutyShift(ctx, request.actor, request.body, request.lang)),
  );
  app.post(
    '/api/v1/duty-shifts/copy-week',
    { schema: { tags, summary: "Copy a week's shifts to another week (overlapping ones skipped)", body: copyWeekBody, response: { 200: copyWeekView } } },
    async (request) => copyDutyWeek(ctx, request.actor, request.body),
  );
  app.get(
    '/api/v1/duty-shifts/on-duty',
    { schema: { tags, summary: "Who is on duty for a town now (or at a time); the town's center operators when nobody is rostered", description: scopeNote, querystring: onDutyQuery, response: { 200: onDutyView } } },
    async (request) => onDuty(ctx, request.actor, request.query, request.lang),
  );
  app.delete(
    '/api/v1/duty-shifts/:id',
    { schema: { tags, summary: 'Cancel a shift (kept, marked cancelled)', params: dutyParams, response: { 200: dutyShiftView } } },
    async (request) => cancelDutyShift(ctx, request.actor, request.params.id, request.lang),
  );
};
