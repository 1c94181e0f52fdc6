import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export function isWebAppBuilt(): boolean {
  return fs.existsSync(path.join(webDistDir, 'index.html'));
}

/** What the build recorded about itself (web/vite.config.ts writes dist/build-info.json). */
export interface WebBuildInfo {
  /** The map tile template the app was built with (VITE_TILE_URL), if any. */
  tileUrl?: string | null;
}

export function webBuildInfo(): WebBuildInfo {
  try {
    return JSON.parse(fs.readFileSync(path.join(webDistDir, 'build-info.json'), 'utf8')) as WebBuildInfo;
  } catch {
    return {};
  }
}

/** Vite's output names carry a content hash (`index-BjQWIAac.js`): such a file never changes. */
const hashedAsset = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.(br|gz))?$/;

/**
 * Serves the built web app (console, phone pages) from the API's own port. The build writes a
 * brotli and a gzip copy beside every text file; the one the browser accepts is sent as is
 * (`preCompressed`). Hashed assets are cached for a year; everything else (index.html, the
 * favicon) is revalidated on each use, so a new build is picked up on reload.
 */
export async function registerWebApp(app: FastifyInstance, root = webDistDir): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    // Our own Cache-Control below; `send`'s default (`max-age=0`) would otherwise overwrite it.
    cacheControl: false,
    setHeaders(res, filePath) {
      res.setHeader('cache-control', hashedAsset.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('vary', 'accept-encoding');
    },
  });
}

/** Client-side routes (`/console/cases/…`, `/r/report`) get index.html; the router takes it from there. */
export function isAppRoute(method: string, url: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = url.split('?')[0] ?? '/';
  if (pathname.startsWith('/api/') || pathname === '/healthz' || pathname.startsWith('/assets/')) return false;
  return (accept ?? '').includes('text/html') || !path.extname(pathname);
}
