import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy of every answer, built from what the pages really load: our own
 * scripts, styles (antd and antd-mobile inject <style> and style="" at run time, hence
 * 'unsafe-inline' for styles — never for scripts), images from here, data: and blob: (icons,
 * photo previews) and the map tile host the web app was built with (VITE_TILE_URL); the API,
 * SSE stream and uploads on this origin. Nobody may frame the app.
 */
export function contentSecurityPolicy(tileUrl: string | undefined): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    // The printable supervision notice has one inline handler, `onclick="window.print()"`: that
    // exact handler is allowed by its hash, nothing else inline.
    scriptSrcAttr: ["'unsafe-hashes'", inlineHash('window.print()')],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...tileSources(tileUrl)],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}

function inlineHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
}

/**
 * CSP sources for a Leaflet tile template (`https://webrd0{s}.is.autonavi.com/…/{z}/{x}/{y}`): its
 * origin, with a label holding a placeholder (`{s}` subdomains) widened to `*.`. A relative
 * template is served from here ('self' already covers it); anything unparsable adds nothing.
 */
export function tileSources(template: string | undefined): string[] {
  const match = template?.trim().match(/^(https?):\/\/([^/?#]+)/i);
  if (!match) return [];
  const scheme = match[1]!.toLowerCase();
  const hostPort = match[2]!.toLowerCase();
  if (!hostPort.includes('{')) {
    return /^[a-z0-9.-]+(:\d+)?$/.test(hostPort) ? [`${scheme}://${hostPort}`] : [];
  }
  const labels = hostPort.split('.');
  let lastPlaceholder = 0;
  labels.forEach((label, i) => {
    if (label.includes('{')) lastPlaceholder = i;
  });
  const fixed = labels.slice(lastPlaceholder + 1).join('.');
  // Keep at least a registrable-looking domain: `{s}.tile.example.com` → `*.tile.example.com`.
  return fixed.split('.').length >= 2 && /^[a-z0-9.-]+(:\d+)?$/.test(fixed) ? [`${scheme}://*.${fixed}`] : [];
}
