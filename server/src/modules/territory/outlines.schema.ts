import { z } from 'zod';
import { territoryLevels } from './territory.tables.js';

export interface BBoxQuery {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

const bboxMessage = 'bbox 应为 "最小经度,最小纬度,最大经度,最大纬度"（WGS-84，最小值小于最大值）|bbox must be "minLng,minLat,maxLng,maxLat" (WGS-84, each minimum below its maximum)';

/** "minLng,minLat,maxLng,maxLat" → numbers, or an issue naming the expected form. */
const bbox = z
  .string()
  .max(200)
  .transform((text, ctx): BBoxQuery => {
    const parts = text.split(',').map((p) => p.trim());
    const numbers = parts.map((p) => (p === '' ? NaN : Number(p)));
    const [minLng, minLat, maxLng, maxLat] = numbers as [number, number, number, number];
    const valid =
      numbers.length === 4 &&
      numbers.every(Number.isFinite) &&
      minLng >= -180 && maxLng <= 180 && minLat >= -90 && maxLat <= 90 &&
      minLng < maxLng && minLat < maxLat;
    if (!valid) {
      ctx.addIssue({ code: 'custom', message: bboxMessage });
      return z.NEVER;
    }
    return { minLng, minLat, maxLng, maxLat };
  })
  .describe('Only outlines touching this box: minLng,minLat,maxLng,maxLat (WGS-84)');

export const outlinesQuery = z.object({
  level: z.enum(territoryLevels).describe('Which outlines: county, town, village or grid'),
  bbox: bbox.optional(),
  zoom: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, '缩放级别应为 0–20 的整数|zoom must be a whole number from 0 to 20')
    .transform(Number)
    .pipe(z.number().int().min(0, '缩放级别应为 0–20 的整数|zoom must be a whole number from 0 to 20').max(20, '缩放级别应为 0–20 的整数|zoom must be a whole number from 0 to 20'))
    .default(12)
    .describe('Map zoom the outlines are drawn at: geometry is simplified to about a pixel at this zoom'),
});

export const outlinesResponse = z
  .object({
    type: z.literal('FeatureCollection'),
    level: z.enum(territoryLevels),
    zoom: z.number().int(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({
          code: z.string(),
          name: z.string(),
          level: z.enum(territoryLevels),
          kind: z.enum(['basic', 'special']).nullable().describe('Grids only: special grids (schools, hospitals…) sit above basic ones'),
          label: z.tuple([z.number(), z.number()]).describe('[lng, lat] inside the outline where its name fits best'),
        }),
        geometry: z.any().describe('Simplified GeoJSON Polygon or MultiPolygon (WGS-84)'),
      }),
    ),
  })
  .meta({ id: 'TerritoryOutlines' });
