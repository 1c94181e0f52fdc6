import * as turf from '@turf/turf';
import type { Polygon, MultiPolygon } from 'geojson';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/** A point inside the named demo grid (default: the grid-worker's 江庄村第一网格). */
export function pointInGrid(t: TestApp, gridName = '江庄村第一网格'): { lat: number; lng: number; gridCode: string } {
  const grid = t.ctx.grids.current.grids.find((g) => g.name === gridName);
  if (!grid) throw new Error(`no demo grid ${gridName}`);
  const [lng, lat] = turf.pointOnFeature(turf.feature(grid.geometry as Polygon | MultiPolygon)).geometry.coordinates as [number, number];
  return { lat, lng, gridCode: grid.code };
}

export interface CaseBody {
  channel?: string;
  description?: string;
  demandType?: string;
  categoryCode?: string;
  location?: Record<string, unknown>;
  reporter?: { name?: string; phone?: string };
  isAnonymous?: boolean;
  photoIds?: string[];
}

/** Posts a resident's report from the phone page, in 江庄村第一网格 unless told otherwise; the response as it is. */
export function postReport(t: TestApp, body: CaseBody | Record<string, unknown> = {}, options: { as?: string; headers?: Record<string, string> } = {}) {
  const point = pointInGrid(t);
  return t.request('POST', '/api/v1/cases', {
    as: options.as,
    headers: options.headers,
    body: {
      channel: 'resident_app',
      description: '江庄村第一网格路灯坏了三天，晚上出行不便',
      demandType: 'help',
      categoryCode: '0105',
      location: { lat: point.lat, lng: point.lng },
      reporter: { name: '王秀英', phone: '13800010137' },
      ...body,
    },
  });
}

/** A resident's report from the phone page, in 江庄村第一网格 unless told otherwise (must be accepted: 201). */
export async function reportCase(t: TestApp, body: CaseBody = {}, options: { as?: string; headers?: Record<string, string> } = {}) {
  const res = await postReport(t, body, options);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function getCase(t: TestApp, as: string, id: string) {
  return t.request('GET', `/api/v1/cases/${id}`, { as });
}

/** Performs an action with the case's current version (read as `as` first). */
export async function act(t: TestApp, as: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = await getCase(t, as, id);
  const version = current.statusCode === 200 ? current.json().version : 1;
  return t.request('POST', `/api/v1/cases/${id}/actions/${action}`, { as, body: { version, ...body } });
}

export async function actOk(t: TestApp, as: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await act(t, as, id, action, body);
  expect(res.statusCode, `${as} ${action}: ${res.body}`).toBe(200);
  return res.json();
}

export function gridId(t: TestApp, gridName = '江庄村第一网格'): string {
  return t.ctx.grids.current.grids.find((g) => g.name === gridName)!.id;
}
