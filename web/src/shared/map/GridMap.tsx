import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { attachBaseMap, outsideColour } from './baseLayer';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';
import { spreadOverlapping } from './spread';

/** A point in WGS-84 (what the server stores and expects). */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Properties of a grid feature as GET /api/v1/grids/export gives them (all optional here). */
export interface GridProperties {
  code?: string;
  name?: string;
  /** `special` grids (schools, hospitals, markets…) are drawn above basic ones, dashed. */
  kind?: 'basic' | 'special' | string | null;
  [key: string]: unknown;
}

export type GridFeature = Feature<Geometry | null, GridProperties | null>;
export type GridCollection = FeatureCollection<Geometry | null, GridProperties | null>;

/** A point marker (a case, a report…). */
export interface GridMapMarker {
  /** Stable id (used for keys and clustering). */
  id: string;
  /** WGS-84 latitude. */
  lat: number;
  /** WGS-84 longitude. */
  lng: number;
  /** `red` | `yellow` | `green` (the case colours) or any CSS colour. Default blue. */
  colour?: string;
  /** Shown on hover. */
  title?: string;
  onClick?: () => void;
}

export interface GridMapProps {
  /**
   * Grid polygons: the FeatureCollection of GET /api/v1/grids/export?under=<code>, or one built from
   * a territory node's children (geometry=true). Features with `properties.kind === 'special'` are
   * drawn above basic grids with a dashed outline. Features without geometry are skipped.
   */
  grids?: GridCollection | null;
  /** Fill colour per grid code (e.g. by open-case count). Grids not listed get a faint default fill. */
  fills?: Record<string, string>;
  /** Escape hatch: extra Leaflet path style per feature (merged over the defaults and `fills`). */
  gridStyle?: (feature: GridFeature) => L.PathOptions | undefined;
  /** Grid code drawn highlighted (thicker orange outline). */
  selectedCode?: string | null;
  /** Called when a grid polygon is clicked (not called while `onPick` is set). */
  onGridClick?: (feature: GridFeature) => void;
  /** A boundary drawn below the grids as a grey dashed outline (e.g. the village or town being shown). */
  outline?: Geometry | null;
  /** Point markers; clustered into counts at low zoom unless `cluster` is false. */
  markers?: GridMapMarker[];
  /** Cluster markers that fall within ~48 px of each other when zoomed out below `clusterBelowZoom`. Default true. */
  cluster?: boolean;
  /** Zoom level from which every marker is shown on its own. Default 16. */
  clusterBelowZoom?: number;
  /**
   * Lets the person pick a point: a click (or tap) anywhere on the map calls this with WGS-84
   * coordinates, also when the tiles are GCJ-02. Show the chosen point with `picked`.
   */
  onPick?: (latlng: LatLng) => void;
  /** The picked point (WGS-84), drawn as a pin. */
  picked?: LatLng | null;
  /** Fit the view to the grids (or, without grids, the markers) whenever `grids`/`outline` change. Default true. */
  fitBounds?: boolean;
  /** Highest zoom used when fitting. Default 17. */
  maxFitZoom?: number;
  /** CSS height of the map. Default 400. */
  height?: number | string;
  /** Content laid over the map's bottom-left corner (a legend). */
  overlay?: ReactNode;
  className?: string;
  style?: CSSProperties;
}

const tileUrl = (import.meta.env.VITE_TILE_URL as string | undefined) || undefined;
const tilesInGcj02 = String(import.meta.env.VITE_TILE_CRS ?? '').toLowerCase() === 'gcj02';

/** Our geometry is WGS-84; on GCJ-02 tiles it is shifted for display only. */
function toDisplay(lat: number, lng: number): L.LatLng {
  if (!tilesInGcj02) return L.latLng(lat, lng);
  const [a, b] = wgs84ToGcj02(lat, lng);
  return L.latLng(a, b);
}
function fromDisplay(latlng: L.LatLng): LatLng {
  if (!tilesInGcj02) return { lat: latlng.lat, lng: latlng.lng };
  const [lat, lng] = gcj02ToWgs84(latlng.lat, latlng.lng);
  return { lat, lng };
}
const coordsToLatLng = (c: number[]) => toDisplay(c[1] ?? NaN, c[0] ?? NaN);

const namedColours: Record<string, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a' };
const colourRank: Record<string, number> = { red: 3, yellow: 2, green: 1 };
/** CSS colour of a case colour name (red/yellow/green) or of any CSS colour. */
export function markerColour(colour: string | undefined): string {
  return colour ? (namedColours[colour] ?? colour) : '#1677ff';
}

function isSpecial(feature: GridFeature): boolean {
  return feature.properties?.kind === 'special';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A grid map over plain Leaflet. No external tiles by default: the base map is the county, town,
 * village and grid outlines with their names from the server (baseLayer.ts; works offline). Set `VITE_TILE_URL` (and `VITE_TILE_CRS=gcj02` for AMap/天地图-style
 * tiles) at build time to draw a tile layer underneath. Usable on the console and on phone pages.
 */
export default function GridMap(props: GridMapProps) {
  const { height = 400, overlay, className, style } = props;
  const containerRef = useRef<HTMLDivElement | null>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layersRef = useRef<{ outline: L.LayerGroup; grids: L.LayerGroup; markers: L.LayerGroup; pick: L.LayerGroup } | null>(null);
  // Latest props for Leaflet's long-lived event handlers.
  const propsRef = useRef(props);
  propsRef.current = props;
  const drawMarkersRef = useRef<() => void>(() => {});
  const fittedRef = useRef<{ grids: unknown; outline: unknown } | null>(null);
  /** The last point picked by a tap on this map (the map then stays where it is). */
  const tappedRef = useRef<LatLng | null>(null);

  // Create the map once.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = L.map(el, {
      center: [34.4, 117.4],
      zoom: 10,
      minZoom: 3,
      maxZoom: 19,
      zoomSnap: 0.25,
      attributionControl: !!tileUrl,
      worldCopyJump: false,
    });
    map.createPane('wgOutline').style.zIndex = '380';
    map.createPane('wgBasic').style.zIndex = '400';
    map.createPane('wgSpecial').style.zIndex = '420';
    map.createPane('wgMarkers').style.zIndex = '610';
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, subdomains: '1234', attribution: '' }).addTo(map);
    const base = tileUrl ? null : attachBaseMap(map, toDisplay);
    // With nothing of its own to show yet, the map starts on the whole county.
    void base?.countyBounds.then((bounds) => {
      if (bounds && mapRef.current === map && !fittedRef.current) map.fitBounds(bounds, { padding: [8, 8], animate: false });
    });
    L.control.scale({ imperial: false, position: 'bottomright' }).addTo(map);
    layersRef.current = {
      outline: L.layerGroup().addTo(map),
      grids: L.layerGroup().addTo(map),
      markers: L.layerGroup().addTo(map),
      pick: L.layerGroup().addTo(map),
    };
    map.on('click', (e: L.LeafletMouseEvent) => {
      if (!propsRef.current.onPick) return;
      const point = fromDisplay(e.latlng);
      tappedRef.current = point;
      propsRef.current.onPick(point);
    });
    map.on('zoomend', () => drawMarkersRef.current());
    mapRef.current = map;
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      base?.remove();
      map.remove();
      mapRef.current = null;
      layersRef.current = null;
      fittedRef.current = null;
    };
  }, []);

  const { grids, fills, gridStyle, selectedCode, outline, fitBounds = true, maxFitZoom = 17 } = props;
  const picking = !!props.onPick;

  // Grids and outline.
  useEffect(() => {
    const map = mapRef.current;
    const layers = layersRef.current;
    if (!map || !layers) return;
    layers.outline.clearLayers();
    layers.grids.clearLayers();
    const bounds = L.latLngBounds([]);
    if (outline) {
      try {
        const o = L.geoJSON(outline, {
          pane: 'wgOutline',
          coordsToLatLng,
          interactive: false,
          style: { color: '#8c8c8c', weight: 2, dashArray: '8 6', fill: true, fillColor: '#ffffff', fillOpacity: 0.5 },
        }).addTo(layers.outline);
        bounds.extend(o.getBounds());
      } catch {
        // A broken outline is simply not drawn.
      }
    }
    const features = (grids?.features ?? []).filter((f): f is GridFeature => !!f && !!f.geometry);
    // Basic grids first, special grids in a higher pane so they stay on top.
    for (const feature of [...features.filter((f) => !isSpecial(f)), ...features.filter(isSpecial)]) {
      const special = isSpecial(feature);
      const code = feature.properties?.code ?? '';
      const selected = !!selectedCode && code === selectedCode;
      const fill = fills?.[code];
      const base: L.PathOptions = special
        ? { color: '#722ed1', weight: 2, dashArray: '6 4', fillColor: fill ?? '#d3adf7', fillOpacity: fill ? 0.65 : 0.3 }
        : { color: '#2f54eb', weight: 1.2, fillColor: fill ?? '#d6e4ff', fillOpacity: fill ? 0.65 : 0.35 };
      const styleOf: L.PathOptions = {
        ...base,
        ...gridStyle?.(feature),
        ...(selected ? { color: '#fa541c', weight: 3.5 } : {}),
      };
      try {
        const layer = L.geoJSON(feature, { pane: special ? 'wgSpecial' : 'wgBasic', coordsToLatLng, style: () => styleOf });
        const name = feature.properties?.name;
        if (name) layer.bindTooltip(escapeHtml(String(name)), { sticky: true, direction: 'top', opacity: 0.9 });
        layer.on('click', (e: L.LeafletMouseEvent) => {
          if (propsRef.current.onPick) return; // the map's click handler picks the point
          L.DomEvent.stopPropagation(e);
          propsRef.current.onGridClick?.(feature);
        });
        layer.addTo(layers.grids);
        if (selected) layer.bringToFront();
        bounds.extend(layer.getBounds());
      } catch {
        // Invalid coordinates (e.g. in a file being previewed): skip this feature, draw the rest.
      }
    }
    const fitted = fittedRef.current;
    if (fitBounds && bounds.isValid() && (!fitted || fitted.grids !== grids || fitted.outline !== outline)) {
      map.fitBounds(bounds, { padding: [16, 16], maxZoom: maxFitZoom, animate: false });
      fittedRef.current = { grids, outline };
    }
  }, [grids, fills, gridStyle, selectedCode, outline, fitBounds, maxFitZoom]);

  // Markers, clustered by screen cells at low zoom.
  const { markers, cluster = true, clusterBelowZoom = 16 } = props;
  useEffect(() => {
    const draw = () => {
      const map = mapRef.current;
      const layers = layersRef.current;
      if (!map || !layers) return;
      layers.markers.clearLayers();
      const list = (markers ?? []).filter((m) => Number.isFinite(m.lat) && Number.isFinite(m.lng));
      const zoom = map.getZoom();
      const addOne = (m: GridMapMarker, shownAt?: L.LatLng) => {
        const marker = L.circleMarker(shownAt ?? toDisplay(m.lat, m.lng), {
          pane: 'wgMarkers',
          radius: 7,
          color: '#ffffff',
          weight: 2,
          fillColor: markerColour(m.colour),
          fillOpacity: 0.95,
        });
        if (m.title) marker.bindTooltip(escapeHtml(m.title), { direction: 'top', offset: [0, -6] });
        marker.on('click', (e: L.LeafletMouseEvent) => {
          L.DomEvent.stopPropagation(e);
          m.onClick?.();
        });
        marker.addTo(layers.markers);
      };
      /** Markers drawn one by one; those at the same spot are fanned out around it, with a leg back. */
      const addSpread = (items: GridMapMarker[]) => {
        const at = items.map((m) => map.project(toDisplay(m.lat, m.lng), zoom));
        const spread = spreadOverlapping(at);
        items.forEach((m, i) => {
          const p = spread[i]!;
          if (p.x === at[i]!.x && p.y === at[i]!.y) return addOne(m);
          const shown = map.unproject([p.x, p.y], zoom);
          L.polyline([toDisplay(m.lat, m.lng), shown], { pane: 'wgMarkers', color: '#595959', weight: 1, interactive: false }).addTo(layers.markers);
          addOne(m, shown);
        });
      };
      if (!cluster || zoom >= clusterBelowZoom || list.length < 2) {
        addSpread(list);
        return;
      }
      const cell = 48;
      const buckets = new Map<string, GridMapMarker[]>();
      for (const m of list) {
        const p = map.project(toDisplay(m.lat, m.lng), zoom);
        const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
        const bucket = buckets.get(key);
        if (bucket) bucket.push(m);
        else buckets.set(key, [m]);
      }
      const singles: GridMapMarker[] = [];
      for (const bucket of buckets.values()) {
        if (bucket.length === 1) {
          singles.push(bucket[0]!);
          continue;
        }
        const latlngs = bucket.map((m) => toDisplay(m.lat, m.lng));
        const centre = L.latLng(
          latlngs.reduce((s, p) => s + p.lat, 0) / latlngs.length,
          latlngs.reduce((s, p) => s + p.lng, 0) / latlngs.length,
        );
        // The cluster takes the most urgent colour inside it.
        const worst = bucket.reduce<string | undefined>((w, m) => ((colourRank[m.colour ?? ''] ?? 0) > (colourRank[w ?? ''] ?? 0) ? m.colour : w), bucket[0]!.colour);
        const size = bucket.length >= 100 ? 40 : bucket.length >= 10 ? 34 : 28;
        const icon = L.divIcon({
          className: 'wg-cluster',
          iconSize: [size, size],
          html: `<div style="width:${size}px;height:${size}px;border-radius:50%;background:${markerColour(worst)};opacity:.9;border:2px solid #fff;box-shadow:0 1px 4px rgba(0,0,0,.35);color:#fff;font:600 12px/${size - 4}px sans-serif;text-align:center">${bucket.length}</div>`,
        });
        L.marker(centre, { icon, keyboard: false })
          .on('click', (e: L.LeafletMouseEvent) => {
            L.DomEvent.stopPropagation(e);
            map.fitBounds(L.latLngBounds(latlngs), { padding: [48, 48], maxZoom: Math.max(zoom + 2, clusterBelowZoom) });
          })
          .addTo(layers.markers);
      }
      addSpread(singles);
    };
    drawMarkersRef.current = draw;
    draw();
    // Without grids to fit to, fit to the markers once.
    const map = mapRef.current;
    if (map && fitBounds && !(grids?.features?.length || outline) && markers?.length && !fittedRef.current) {
      const b = L.latLngBounds(markers.map((m) => toDisplay(m.lat, m.lng)));
      if (b.isValid()) {
        map.fitBounds(b, { padding: [32, 32], maxZoom: maxFitZoom, animate: false });
        fittedRef.current = { grids, outline };
        draw();
      }
    }
  }, [markers, cluster, clusterBelowZoom, fitBounds, grids, outline, maxFitZoom]);

  // The picked point.
  const { picked } = props;
  useEffect(() => {
    const layers = layersRef.current;
    if (!layers) return;
    layers.pick.clearLayers();
    if (picked && Number.isFinite(picked.lat) && Number.isFinite(picked.lng)) {
      // A point chosen elsewhere (the phone's position, a photo's place): go there, close enough to see the grid.
      const map = mapRef.current;
      const at = toDisplay(picked.lat, picked.lng);
      const tapped = tappedRef.current;
      if (map && !(tapped && tapped.lat === picked.lat && tapped.lng === picked.lng)) {
        map.setView(at, Math.max(map.getZoom(), 15), { animate: false });
        fittedRef.current ??= { grids: undefined, outline: undefined };
      }
      L.circleMarker(at, { pane: 'wgMarkers', radius: 9, color: '#ffffff', weight: 3, fillColor: '#1677ff', fillOpacity: 1, interactive: false }).addTo(layers.pick);
    }
  }, [picked]);

  return (
    // `isolation` keeps Leaflet's high z-indexes inside the map, under the phone's sticky title and tab bar.
    <div className={className} style={{ position: 'relative', isolation: 'isolate', height, borderRadius: 8, overflow: 'hidden', border: '1px solid #e5e7eb', ...style }} data-testid="grid-map">
      <div
        ref={containerRef}
        style={{ position: 'absolute', inset: 0, background: tileUrl ? '#f4f6f9' : outsideColour, cursor: picking ? 'crosshair' : undefined }}
      />
      {overlay ? (
        <div style={{ position: 'absolute', left: 10, bottom: 10, zIndex: 1000, pointerEvents: 'auto' }} onClick={(e) => e.stopPropagation()}>
          {overlay}
        </div>
      ) : null}
    </div>
  );
}
