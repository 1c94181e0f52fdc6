import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requireScopedPermission } from '../../platform/actor.js';
import { exportGrids, importGrids } from './grid-import.service.js';
import { outlinesQuery, outlinesResponse } from './outlines.schema.js';
import { outlinesEtag, territoryOutlines, territoryStamp } from './outlines.service.js';
import { getTerritoryNode, locatePoint, searchTerritory } from './territory.service.js';
import {
  featureCollectionBody,
  gridExportQuery,
  gridImportQuery,
  gridImportResponse,
  locateQuery,
  locateResponse,
  nodeDetail,
  nodeParams,
  nodeQuery,
  territorySearchQuery,
  territorySearchResponse,
} from './territory.schema.js';

export const territoryRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/territories/locate',
    {
      schema: {
        tags: ['territory'],
        summary: 'Find the grid containing a point, with its village, town and county',
        querystring: locateQuery,
        response: { 200: locateResponse },
      },
    },
    async (request) => locatePoint(ctx, request.query),
  );

  app.get(
    '/api/v1/territories/outlines',
    {
      schema: {
        tags: ['territory'],
        summary: 'Territory outlines with names, simplified for a zoom level (the base map; public)',
        description:
          'County, town, village or grid outlines touching `bbox`, simplified (Douglas–Peucker) to about one pixel at `zoom`, each with a label point. ' +
          'Boundaries and names only, so no sign-in is needed: the resident report map uses it too. Cacheable: ETag and Cache-Control; If-None-Match answers 304.',
        querystring: outlinesQuery,
        response: { 200: outlinesResponse },
      },
    },
    async (request, reply) => {
      const stamp = await territoryStamp(ctx.db);
      const etag = outlinesEtag(stamp, request.query);
      reply.header('etag', etag).header('cache-control', 'public, max-age=300, stale-while-revalidate=86400').header('vary', 'accept-encoding');
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === etag.slice(2) || tag.trim() === '*')) {
        // 304 carries no body; it is left out of the response schema (so nothing is serialised), hence the casts.
        return reply.code(304 as 200).send('' as never);
      }
      return territoryOutlines(ctx.db, stamp, request.query);
    },
  );

  app.get(
    '/api/v1/territories/search',
    {
      schema: {
        tags: ['territory'],
        summary: 'Territory nodes inside your territory whose name contains the text, with their ancestors',
        querystring: territorySearchQuery,
        response: { 200: territorySearchResponse },
      },
    },
    async (request) => {
      const actor = requireScopedPermission(request.actor, 'territory:read');
      return searchTerritory(ctx, actor, request.query.q, request.query.limit);
    },
  );

  app.get(
    '/api/v1/territories/:code',
    {
      schema: {
        tags: ['territory'],
        summary: 'A territory node with its ancestors and children (inside your territory)',
        params: nodeParams,
        querystring: nodeQuery,
        response: { 200: nodeDetail },
      },
    },
    async (request) => {
      // API keys with territory:read may read the nodes they are scoped to.
      const actor = requireScopedPermission(request.actor, 'territory:read');
      return getTerritoryNode(ctx, actor, request.params.code, request.query.geometry);
    },
  );

  app.post(
    '/api/v1/grids/import',
    {
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['territory'],
        summary: 'Import grids from a GeoJSON FeatureCollection (all or nothing)',
        description:
          'Each feature: properties {code, name, villageCode, kind: basic|special, specialType?, isGenerated?} and a Polygon/MultiPolygon in WGS-84. ' +
          'Any invalid polygon, unknown village, overlap between basic grids or grid outside its village (150 m tolerance) rejects the whole file with 422 listing every offending feature.',
        querystring: gridImportQuery,
        body: featureCollectionBody,
        response: { 200: gridImportResponse },
      },
    },
    async (request) =>
      importGrids(ctx, request.actor, request.body, { dryRun: request.query.dryRun, lang: request.lang }),
  );

  app.get(
    '/api/v1/grids/export',
    {
      schema: {
        tags: ['territory'],
        summary: 'Export grids as a GeoJSON FeatureCollection (re-importable)',
        querystring: gridExportQuery,
        response: { 200: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }) },
      },
    },
    async (request, reply) => {
      const collection = await exportGrids(ctx, request.actor, request.query.under);
      reply.header('content-disposition', `attachment; filename="grids-${request.query.under ?? 'all'}.geojson"`);
      return reply.type('application/geo+json').send(collection);
    },
  );
};
