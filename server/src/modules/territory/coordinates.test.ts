import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { fromWgs84, toWgs84 } from './coordinates.js';

/** Ground distance in metres between two [lng, lat] points. */
const metres = (a: { lng: number; lat: number }, b: { lng: number; lat: number }) =>
  turf.distance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });

// 江庄镇 (Jiawang, Xuzhou), Beijing and Guangzhou: the offsets differ across China.
const places = [
  { lng: 117.3653, lat: 34.5015 },
  { lng: 116.3975, lat: 39.9087 },
  { lng: 113.2644, lat: 23.1291 },
];

describe('coordinates', () => {
  it('passes WGS-84 through untouched', () => {
    for (const p of places) {
      expect(toWgs84(p.lng, p.lat, 'wgs84')).toEqual(p);
      expect(fromWgs84(p.lng, p.lat, 'wgs84')).toEqual(p);
    }
  });

  for (const crs of ['gcj02', 'bd09'] as const) {
    it(`converts ${crs} back to WGS-84 within a metre`, () => {
      for (const p of places) {
        const shifted = fromWgs84(p.lng, p.lat, crs);
        // The Chinese systems really are offset (hundreds of metres), so a no-op would fail here.
        expect(metres(p, shifted)).toBeGreaterThan(100);
        expect(metres(p, toWgs84(shifted.lng, shifted.lat, crs))).toBeLessThan(1);
      }
    });
  }

  it('applies the BD-09 offset on top of GCJ-02, not instead of it', () => {
    const p = places[0]!;
    const gcj = fromWgs84(p.lng, p.lat, 'gcj02');
    const bd = fromWgs84(p.lng, p.lat, 'bd09');
    expect(metres(gcj, bd)).toBeGreaterThan(100);
  });
});
