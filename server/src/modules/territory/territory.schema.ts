import { z } from 'zod';
import { crsValues } from './coordinates.js';
import { textInput } from '../../platform/text.js';

/** A number from the query string; an empty value is missing, not 0. */
const queryNumber = (min: number, max: number) =>
  textInput()
    .trim()
    .min(1, '必填|required')
    .pipe(z.coerce.number<string>().min(min).max(max));

export const locateQuery = z.object({
  lat: queryNumber(-90, 90).describe('Latitude'),
  lng: queryNumber(-180, 180).describe('Longitude'),
  crs: z.enum(crsValues).default('wgs84').describe('Coordinate system of lat/lng: wgs84 (GPS), gcj02 (AMap/Tencent), bd09 (Baidu)'),
});

const nodeRef = z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), level: z.string() });
const gridRef = nodeRef.extend({ kind: z.enum(['basic', 'special']), specialType: z.string().nullable() });

export const locateResponse = z.object({
  point: z.object({ lat: z.number(), lng: z.number(), crs: z.literal('wgs84') }),
  grid: gridRef.describe('The grid containing the point; a special grid wins over the basic grid under it'),
  basicGrid: gridRef.nullable().describe('The basic grid under a special grid'),
  ancestors: z.array(nodeRef).describe('Village, town and county, nearest first'),
}).meta({ id: 'LocateResult' });

const geometry = z.any().describe('GeoJSON Polygon or MultiPolygon (WGS-84)');

const nodeSummary = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  level: z.enum(['county', 'town', 'village', 'grid']),
  villageKind: z.enum(['village', 'community']).nullable(),
  gridKind: z.enum(['basic', 'special']).nullable(),
  specialType: z.string().nullable(),
  isGenerated: z.boolean(),
});

export const nodeDetail = nodeSummary.extend({
  geometry: geometry.nullable(),
  ancestors: z.array(nodeSummary),
  children: z.array(nodeSummary.extend({ geometry: geometry.nullable() })),
}).meta({ id: 'TerritoryNode' });

export const territorySearchQuery = z.object({
  q: textInput().trim().min(1, '请输入要查找的名称|type a name to look for').max(40).describe('Part of a node name'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const territorySearchResponse = z
  .object({
    matches: z.array(z.string()).describe('Codes of the nodes whose name matched'),
    nodes: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(['county', 'town', 'village', 'grid']), parentCode: z.string().nullable() })).describe('The matches and their ancestors inside your territory'),
  })
  .meta({ id: 'TerritorySearch' });

export const nodeParams = z.object({ code: textInput().min(1).max(40) });
export const nodeQuery = z.object({
  geometry: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const gridImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('Validate only; change nothing'),
});

export const featureCollectionBody = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()).max(20_000),
});

export const gridImportResponse = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  grids: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      villageCode: z.string(),
      kind: z.enum(['basic', 'special']),
      action: z.enum(['create', 'update']),
    }),
  ),
}).meta({ id: 'GridImportResult' });

export const gridExportQuery = z.object({ under: textInput().min(1).max(40).optional().describe('Territory code; default: all of yours') });
