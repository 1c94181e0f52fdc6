import { download } from '../../shared/download';

/** Saves a GeoJSON object as a file in the browser's downloads. */
export function downloadGeoJson(data: unknown, filename: string): void {
  download(new Blob([JSON.stringify(data)], { type: 'application/geo+json' }), filename);
}
