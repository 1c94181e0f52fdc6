import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { importAssignments } from './assignments.import.js';
import {
  assignmentListQuery,
  assignmentListView,
  assignmentParams,
  assignmentView,
  coverageQuery,
  coverageView,
  createAssignmentBody,
  endAssignmentBody,
  importAssignmentsBody,
  importReportView,
  ladderQuery,
  ladderView,
  updateAssignmentBody,
} from './assignments.schema.js';
import { createAssignment, endAssignment, getAssignment, listAssignments, updateAssignment } from './assignments.service.js';
import { assignmentCoverage } from './coverage.service.js';
import { villageLadder } from './ladder.service.js';

const scopeNote = 'Only assignments on nodes under your own; anything else answers 404 (or an empty list).';

/** 包联/包挂: assignments of staff to villages and grids in three tiers, their ladder and coverage. */
export const assignmentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['assignments'];
  app.get(
    '/api/v1/assignments',
    { schema: { tags, summary: 'Assignments under your nodes (current by default; history=true for ended ones too)', description: scopeNote, querystring: assignmentListQuery, response: { 200: assignmentListView } } },
    async (request) => listAssignments(ctx, request.actor, request.query, request.lang),
  );
  app.post(
    '/api/v1/assignments',
    { schema: { tags, summary: 'Assign a staff member to a village or grid in a tier (assignment:admin)', body: createAssignmentBody, response: { 201: assignmentView } } },
    async (request, reply) => reply.code(201).send(await createAssignment(ctx, request.actor, request.body, request.lang)),
  );
  app.post(
    '/api/v1/assignments/import',
    {
      schema: {
        tags,
        summary: 'Import assignments from CSV (username,node_code,tier,starts_on,ends_on[,note]); all or nothing, bad lines listed',
        body: importAssignmentsBody,
        response: { 200: importReportView },
      },
    },
    async (request) => importAssignments(ctx, request.actor, request.body, request.lang),
  );
  app.get(
    '/api/v1/assignments/coverage',
    { schema: { tags, summary: '包联覆盖: villages without a cadre and grids without a contact, per town and in total', description: scopeNote, querystring: coverageQuery, response: { 200: coverageView } } },
    async (request) => assignmentCoverage(ctx, request.actor, request.query),
  );
  app.get(
    '/api/v1/assignments/ladder',
    { schema: { tags, summary: 'The supervision ladder of a village (or grid): who holds each tier, and the fallback for an empty one', description: scopeNote, querystring: ladderQuery, response: { 200: ladderView } } },
    async (request) => villageLadder(ctx, request.actor, request.query, request.lang),
  );
  app.get(
    '/api/v1/assignments/:id',
    { schema: { tags, summary: 'One assignment', description: scopeNote, params: assignmentParams, response: { 200: assignmentView } } },
    async (request) => getAssignment(ctx, request.actor, request.params.id, request.lang),
  );
  app.patch(
    '/api/v1/assignments/:id',
    { schema: { tags, summary: 'Change dates or note (send the version you read)', params: assignmentParams, body: updateAssignmentBody, response: { 200: assignmentView } } },
    async (request) => updateAssignment(ctx, request.actor, request.params.id, request.body, request.lang),
  );
  app.post(
    '/api/v1/assignments/:id/end',
    { schema: { tags, summary: 'End an assignment on a day (kept as history, never deleted)', params: assignmentParams, body: endAssignmentBody, response: { 200: assignmentView } } },
    async (request) => endAssignment(ctx, request.actor, request.params.id, request.body, request.lang),
  );
};
