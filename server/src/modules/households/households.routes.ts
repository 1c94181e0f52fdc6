import multipart from '@fastify/multipart';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { requirePermission } from '../../platform/actor.js';
import { applyImport } from './household-import-apply.js';
import { getImport, listImports, maxImportBytes, reportCsv, uploadImport, validateImport } from './household-imports.service.js';
import { householdDetail, listHouseholds } from './households.queries.js';
import {
  createHouseholdBody,
  deactivateHouseholdBody,
  householdDetail as householdDetailView,
  householdList,
  householdParams,
  importList,
  importParams,
  importView,
  listHouseholdsQuery,
  memberParams,
  placeHouseholdBody,
  revealedMember,
  revealMemberBody,
  updateHouseholdBody,
  uploadedImportView,
  uploadImportBody,
  validateImportBody,
} from './households.schema.js';
import { createHousehold, deactivateHousehold, placeHousehold, updateHousehold } from './households.service.js';
import { revealMember } from './member-reveal.service.js';
import { templateCsv } from './import-template.js';

const tags = ['households'];

export const householdsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Registered here only (as in photos): the upload is streamed to the data folder, never buffered.
  await app.register(multipart, { limits: { fileSize: maxImportBytes, files: 1, fields: 5, parts: 6 } });

  app.get('/api/v1/households', { schema: { tags, summary: 'Households in your territory (members masked)', querystring: listHouseholdsQuery, response: { 200: householdList } } }, async (request) =>
    listHouseholds(ctx, requirePermission(request.actor, 'household:read'), request.query),
  );

  app.post('/api/v1/households', { schema: { tags, summary: 'Add a household by hand', body: createHouseholdBody, response: { 201: householdDetailView } } }, async (request, reply) =>
    reply.code(201).send(await createHousehold(ctx, request.actor, request.body, request.ip)),
  );

  app.get('/api/v1/households/:id', { schema: { tags, summary: 'A household with its members (masked)', params: householdParams, response: { 200: householdDetailView } } }, async (request) =>
    householdDetail(ctx, requirePermission(request.actor, 'household:read'), request.params.id),
  );

  app.patch(
    '/api/v1/households/:id',
    { schema: { tags, summary: 'Edit a household: address, grid, tags, members (whole list)', params: householdParams, body: updateHouseholdBody, response: { 200: householdDetailView } } },
    async (request) => updateHousehold(ctx, request.actor, request.params.id, request.body, request.ip),
  );

  app.put(
    '/api/v1/households/:id/location',
    { schema: { tags, summary: 'Place a household on the map (the point must lie in its grid)', params: householdParams, body: placeHouseholdBody, response: { 200: householdDetailView } } },
    async (request) => placeHousehold(ctx, request.actor, request.params.id, request.body, request.ip),
  );

  app.post(
    '/api/v1/households/:id/deactivate',
    { schema: { tags, summary: 'Mark a household as moved away (kept for history)', params: householdParams, body: deactivateHouseholdBody, response: { 200: householdDetailView } } },
    async (request) => deactivateHousehold(ctx, request.actor, request.params.id, request.body, request.ip),
  );

  app.post(
    '/api/v1/households/:id/members/:memberId/reveal',
    { schema: { tags, summary: "Reveal a member's name, phone or ID number (pii:read, with a reason; logged)", params: memberParams, body: revealMemberBody, response: { 200: revealedMember } } },
    async (request) => revealMember(ctx, request.actor, request.params.id, request.params.memberId, request.body, request.ip),
  );

  app.get('/api/v1/household-imports/template.csv', { schema: { tags, summary: 'The household file template (CSV, UTF-8 with BOM)' } }, async (request, reply) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="households-template.csv"`).send(templateCsv(ctx, request.actor)),
  );

  app.post(
    '/api/v1/household-imports',
    {
      bodyLimit: maxImportBytes + 1024 * 1024,
      validatorCompiler: ({ httpPart }) => (httpPart === 'body' ? (data: unknown) => ({ value: data }) : () => ({ value: undefined })),
      schema: {
        tags,
        summary: 'Step 1: upload a household file; answers the header and a proposed column mapping',
        description: 'multipart/form-data, field `file`: CSV (UTF-8, with or without BOM, or GB18030/GBK) or XLSX (first sheet), at most 200 MB. Stored in the data folder; nothing is imported yet.',
        consumes: ['multipart/form-data'],
        body: uploadImportBody,
        response: { 201: uploadedImportView },
      },
    },
    async (request, reply) => {
      requirePermission(request.actor, 'household:import');
      let part;
      try {
        part = await request.file();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: { zh: '请以 multipart/form-data 上传文件(字段名 file)', en: 'Send multipart/form-data with a field named file' } });
        }
        throw error;
      }
      if (!part) throw invalidField('file', { zh: '请选择要上传的文件', en: 'choose a file to upload' });
      const stream = part.file as Readable & { truncated?: boolean };
      return reply.code(201).send(await uploadImport(ctx, request.actor, { fileName: part.filename || 'households', stream }));
    },
  );

  app.get('/api/v1/household-imports', { schema: { tags, summary: 'Recent household imports (yours and your territory chain’s)', response: { 200: importList } } }, async (request) => listImports(ctx, request.actor));

  app.get('/api/v1/household-imports/:id', { schema: { tags, summary: 'A household import with its report', params: importParams, response: { 200: importView } } }, async (request) =>
    getImport(ctx, request.actor, request.params.id),
  );

  app.post(
    '/api/v1/household-imports/:id/validate',
    {
      schema: {
        tags,
        summary: 'Step 2: confirm the mapping and check every row (changes nothing)',
        description: 'Streams the whole file. Status `valid` when every row is good, else `invalid` with a line-numbered report of every bad row (first 1,000 here; all in report.csv).',
        params: importParams,
        body: validateImportBody,
        response: { 200: importView },
      },
    },
    async (request) => validateImport(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/household-imports/:id/apply',
    { schema: { tags, summary: 'Step 3: import a validated file in one transaction (all or nothing)', params: importParams, response: { 200: importView } } },
    async (request) => applyImport(ctx, request.actor, request.params.id, request.ip),
  );

  app.get('/api/v1/household-imports/:id/report.csv', { schema: { tags, summary: 'The full line-numbered report as CSV', params: importParams } }, async (request, reply) => {
    const lines = await reportCsv(ctx, request.actor, request.params.id, request.lang);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="household-import-report.csv"`).send(Readable.from(lines));
  });
};
