import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import { api } from '../../api/client';
import { placeLabels, type LabelCandidate } from './labels';

/**
 * The offline base map: county, town, village and grid outlines with their names, drawn from
 * GET /api/v1/territories/outlines when no tile server is configured (VITE_TILE_URL unset).
 * Zoomed out: county and towns; mid zoom: villages; zoomed in: grids. Names are placed so they
 * do not overlap, most important first.
 */

type Level = 'county' | 'town' | 'village' | 'grid';
interface OutlineProperties {
  code: string;
  name: string;
  level: Level;
  kind: 'basic' | 'special' | null;
  label: [number, number];
}
type Outlines = FeatureCollection<Geometry, OutlineProperties>;

/** The land inside the county; the map's background outside it is a cooler grey. */
export const landColour = '#f3f0e6';
export const outsideColour = '#e4e9ee';

const styles: Record<Level, (zoom: number) => L.PathOptions> = {
  county: () => ({ color: '#4a4a4a', weight: 2.5, fill: true, fillColor: landColour, fillOpacity: 1 }),
  town: (z) => ({ color: '#7a7a7a', weight: z >= 12 ? 2 : 1.4, dashArray: '7 4', fill: false }),
  village: (z) => ({ color: z >= 14 ? '#8c8c8c' : '#a6a6a6', weight: z >= 14 ? 1.6 : 1, fill: false }),
  grid: () => ({ color: '#bfbfbf', weight: 0.8, dashArray: '3 3', fill: false }),
};

/** Which outlines and which names to show at a zoom level. */
export function levelsAt(zoom: number): { outlines: Level[]; labels: Level[] } {
  if (zoom < 11) return { outlines: ['county', 'town'], labels: ['town'] };
  if (zoom < 14) return { outlines: ['county', 'town', 'village'], labels: ['village', 'town'] };
  if (zoom < 15) return { outlines: ['county', 'town', 'village', 'grid'], labels: ['village', 'grid'] };
  return { outlines: ['county', 'village', 'grid'], labels: ['village', 'grid'] };
}

const labelFont: Record<Level, { size: number; weight: number; colour: string }> = {
  county: { size: 15, weight: 700, colour: '#262626' },
  town: { size: 14, weight: 700, colour: '#3a3a3a' },
  village: { size: 12, weight: 600, colour: '#4a4a4a' },
  grid: { size: 11, weight: 400, colour: '#737373' },
};

/** Grids are fetched for the area in view, snapped to cells so nearby views share a cached answer. */
const GRID_CELL = 0.05;
function gridBbox(bounds: L.LatLngBounds): string {
  const snap = (v: number, up: boolean) => Number(((up ? Math.ceil(v / GRID_CELL) : Math.floor(v / GRID_CELL)) * GRID_CELL).toFixed(2));
  return [snap(bounds.getWest(), false), snap(bounds.getSouth(), false), snap(bounds.getEast(), true), snap(bounds.getNorth(), true)].join(',');
}

const cache = new Map<string, Promise<Outlines | null>>();
function fetchOutlines(level: Level, zoom: number, bbox?: string): Promise<Outlines | null> {
  const key = `${level}|${zoom}|${bbox ?? ''}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = api
      .GET('/api/v1/territories/outlines', { params: { query: { level, zoom: String(zoom), ...(bbox ? { bbox } : {}) } } })
      .then(({ data }) => (data as unknown as Outlines | undefined) ?? null)
      .catch(() => null);
    // A failure is not remembered: the next view change asks again.
    void pending.then((v) => v === null && cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

interface Drawn {
  key: string;
  layer: L.GeoJSON;
  features: Array<{ feature: Feature<Geometry, OutlineProperties>; bounds: L.LatLngBounds }>;
}

export interface BaseMap {
  /** Resolves with the county's bounds once its outline is loaded (null if it could not be). */
  countyBounds: Promise<L.LatLngBounds | null>;
  remove(): void;
}

/**
 * Draws the base map on `map` and keeps it current as the view changes.
 * `toDisplay` converts WGS-84 to the map's coordinates (identity unless tiles are GCJ-02).
 */
export function attachBaseMap(map: L.Map, toDisplay: (lat: number, lng: number) => L.LatLng): BaseMap {
  map.createPane('wgBase').style.zIndex = '250';
  const labelPane = map.createPane('wgBaseLabels');
  labelPane.style.zIndex = '450';
  labelPane.style.pointerEvents = 'none';
  const labelBox = L.DomUtil.create('div', 'wg-base-labels', labelPane);
  const drawn = new Map<Level, Drawn>();
  const coordsToLatLng = (c: number[]) => toDisplay(c[1] ?? NaN, c[0] ?? NaN);
  let removed = false;
  let generation = 0;

  const drawLabels = () => {
    labelBox.replaceChildren();
    const zoom = map.getZoom();
    const size = map.getSize();
    const candidates: LabelCandidate[] = [];
    const levelOf = new Map<string, Level>();
    const wanted = levelsAt(zoom).labels;
    wanted.forEach((level, rank) => {
      const d = drawn.get(level);
      if (!d) return;
      for (const { feature, bounds } of d.features) {
        const [lng, lat] = feature.properties.label;
        const point = map.latLngToContainerPoint(toDisplay(lat, lng));
        if (point.x < -50 || point.y < -20 || point.x > size.x + 50 || point.y > size.y + 20) continue;
        const nw = map.latLngToContainerPoint(bounds.getNorthWest());
        const se = map.latLngToContainerPoint(bounds.getSouthEast());
        const font = labelFont[level];
        levelOf.set(feature.properties.code, level);
        candidates.push({
          id: feature.properties.code,
          text: feature.properties.name,
          x: point.x,
          y: point.y,
          width: feature.properties.name.length * font.size + 6,
          height: font.size + 4,
          rank,
          area: Math.abs((se.x - nw.x) * (se.y - nw.y)),
          regionWidth: Math.abs(se.x - nw.x),
        });
      }
    });
    for (const label of placeLabels(candidates, { width: size.x, height: size.y })) {
      const font = labelFont[levelOf.get(label.id) ?? 'grid'];
      const el = L.DomUtil.create('div', `wg-base-label wg-base-label-${levelOf.get(label.id)}`, labelBox);
      el.textContent = label.text;
      el.dataset.code = label.id;
      const at = map.containerPointToLayerPoint([label.x, label.y]);
      el.style.cssText =
        `position:absolute;left:${at.x}px;top:${at.y}px;transform:translate(-50%,-50%);white-space:nowrap;` +
        `font:${font.weight} ${font.size}px/1.2 system-ui,sans-serif;color:${font.colour};` +
        'text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;pointer-events:none;';
    }
  };

  const update = () => {
    if (removed) return;
    const zoom = map.getZoom();
    const { outlines } = levelsAt(zoom);
    // Geometry is simplified on the server for whole zoom levels.
    const requestZoom = Math.max(6, Math.min(17, Math.round(zoom)));
    const current = ++generation;
    for (const level of Object.keys(styles) as Level[]) {
      if (!outlines.includes(level)) {
        drawn.get(level)?.layer.remove();
        drawn.delete(level);
      }
    }
    drawLabels();
    for (const level of outlines) {
      const bbox = level === 'grid' ? gridBbox(map.getBounds().pad(0.2)) : undefined;
      const key = `${requestZoom}|${bbox ?? ''}`;
      const existing = drawn.get(level);
      if (existing?.key === key) {
        existing.layer.setStyle(styles[level](zoom));
        continue;
      }
      void fetchOutlines(level, requestZoom, bbox).then((collection) => {
        if (removed || !collection || current !== generation || !levelsAt(map.getZoom()).outlines.includes(level)) return;
        const features: Drawn['features'] = [];
        const layer = L.geoJSON(collection, {
          pane: 'wgBase',
          interactive: false,
          coordsToLatLng,
          style: () => styles[level](map.getZoom()),
          onEachFeature: (feature, l) => features.push({ feature: feature as Feature<Geometry, OutlineProperties>, bounds: (l as L.Polygon).getBounds() }),
        });
        drawn.get(level)?.layer.remove();
        layer.addTo(map);
        if (level === 'county') layer.bringToBack();
        drawn.set(level, { key, layer, features });
        // Keep the county's land fill under the other outlines.
        drawn.get('county')?.layer.bringToBack();
        drawLabels();
      });
    }
  };

  const hideLabels = () => (labelBox.style.display = 'none');
  const showLabels = () => (labelBox.style.display = '');
  map.on('zoomstart', hideLabels);
  map.on('zoomend', showLabels);
  map.on('moveend', update);
  map.on('resize', drawLabels);
  update();

  const countyBounds = fetchOutlines('county', 10).then((c) => {
    if (!c || c.features.length === 0) return null;
    const bounds = L.geoJSON(c, { coordsToLatLng }).getBounds();
    return bounds.isValid() ? bounds : null;
  });

  return {
    countyBounds,
    remove() {
      removed = true;
      map.off('zoomstart', hideLabels);
      map.off('zoomend', showLabels);
      map.off('moveend', update);
      map.off('resize', drawLabels);
      for (const d of drawn.values()) d.layer.remove();
      drawn.clear();
      labelBox.remove();
    },
  };
}
