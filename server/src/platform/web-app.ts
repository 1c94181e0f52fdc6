import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export function isWebAppBuilt(): boolean {
  return fs.existsSync(path.join(webDistDir, 'index.html'));
}

/**
 * Serves the built web app (console, phone pages) from the API's own port. Hashed assets are
 * cached for a year; index.html never, so a new build is picked up on reload.
 */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDistDir,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
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
