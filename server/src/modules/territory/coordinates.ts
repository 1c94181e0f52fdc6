import gcoordModule from 'gcoord';

// gcoord ships CommonJS with an ES default export: Node hands us `{ default }`, bundlers the object itself.
const gcoord = ('default' in gcoordModule ? gcoordModule.default : gcoordModule) as typeof gcoordModule.default;

/** Coordinate systems of Chinese map SDKs; Wangge stores WGS-84 and converts at the boundary. */
export const crsValues = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof crsValues)[number];

const gcoordCrs = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

export function toWgs84(lng: number, lat: number, crs: Crs): { lng: number; lat: number } {
  if (crs === 'wgs84') return { lng, lat };
  const [x, y] = gcoord.transform([lng, lat], gcoordCrs[crs], gcoord.WGS84) as [number, number];
  return { lng: x, lat: y };
}

export function fromWgs84(lng: number, lat: number, crs: Crs): { lng: number; lat: number } {
  if (crs === 'wgs84') return { lng, lat };
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoordCrs[crs]) as [number, number];
  return { lng: x, lat: y };
}
