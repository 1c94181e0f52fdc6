import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { exportCalendar, importCalendar } from './calendar-csv.js';
import { dateParams, importBody, importView, setDayBody, statusView, holidayView, yearQuery, yearView } from './calendar.schema.js';
import { calendarStatus, clearDay, listYear, setDay } from './calendar.service.js';

export const calendarRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Said once at start-up too, so an operator reading the log learns it before deadlines go wrong.
  app.addHook('onReady', async () => {
    const status = await calendarStatus(ctx).catch(() => null);
    if (status?.warning) app.log.warn({ coveredUntil: status.coveredUntil }, status.warning.en);
  });

  app.get(
    '/api/v1/calendar/status',
    { schema: { tags: ['calendar'], summary: 'Whether the holiday calendar covers the next 60 days', response: { 200: statusView } } },
    async (request) => {
      requirePermission(request.actor, 'case:read');
      return calendarStatus(ctx);
    },
  );
  app.get(
    '/api/v1/calendar/days',
    { schema: { tags: ['calendar'], summary: 'The holidays and make-up working days (调休) of one year', querystring: yearQuery, response: { 200: yearView } } },
    async (request) => listYear(ctx, request.actor, request.query.year),
  );
  app.put(
    '/api/v1/calendar/days/:date',
    { schema: { tags: ['calendar'], summary: 'Mark a day as a holiday or a make-up working day — calendar:edit', params: dateParams, body: setDayBody, response: { 200: holidayView } } },
    async (request) => setDay(ctx, request.actor, request.params.date, request.body),
  );
  app.delete(
    '/api/v1/calendar/days/:date',
    { schema: { tags: ['calendar'], summary: "Clear a day's entry (an ordinary day again) — calendar:edit", params: dateParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await clearDay(ctx, request.actor, request.params.date);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/calendar/import',
    {
      bodyLimit: 1536 * 1024,
      schema: {
        tags: ['calendar'],
        summary: 'Import a calendar CSV (date,kind,name[,name_en]) — all or nothing; each year in the file is replaced',
        description: 'Any bad line rejects the whole file with 422 and `lines: [{line, message}]` naming every bad line.',
        body: importBody,
        response: { 200: importView },
      },
    },
    async (request) => importCalendar(ctx, request.actor, request.body.csv, request.body.dryRun),
  );
  app.get(
    '/api/v1/calendar/export',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The calendar as CSV (UTF-8 with BOM), one year or all',
        querystring: yearQuery.partial(),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const csv = await exportCalendar(ctx, request.actor, request.query.year);
      const name = `holidays-${request.query.year ?? 'all'}.csv`;
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
    },
  );
};
