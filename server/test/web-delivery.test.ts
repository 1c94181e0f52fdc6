import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, tileSources } from '../src/platform/csp.js';
import { errorHandlerPlugin } from '../src/platform/error-handler.js';
import { registerHardening } from '../src/platform/hardening.js';
import { registerWebApp } from '../src/platform/web-app.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * How the built web app is delivered: precompressed copies by Accept-Encoding, hashed assets cached
 * for a year, index.html revalidated; and the Content-Security-Policy on every answer. The files are
 * a small stand-in for web/dist laid out as the build writes it (web/vite.config.ts `precompress`).
 */
let root: string;
let app: FastifyInstance;
const script = `console.log(${JSON.stringify('网格'.repeat(400))});\n`;
const html = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12_-Cd.js"></script></head><body>${'<div id="root"></div>'.repeat(40)}</body></html>`;

function writeWithCopies(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, brotliCompressSync(Buffer.from(text)));
  fs.writeFileSync(`${file}.gz`, gzipSync(Buffer.from(text)));
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-web-dist-'));
  writeWithCopies(path.join(root, 'assets', 'index-Ab12_-Cd.js'), script);
  writeWithCopies(path.join(root, 'index.html'), html);
  fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = Fastify();
  await app.register(errorHandlerPlugin, { serveApp: true });
  await app.register(cookie);
  await registerHardening(app);
  await registerWebApp(app, root);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string, accept = '*/*') =>
  app.inject({ method: 'GET', url, headers: { accept, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) } });

describe('static files of the web app', () => {
  it('sends the brotli copy to a browser that takes br, gzip to one that takes only gzip, the file itself otherwise', async () => {
    const br = await get('/assets/index-Ab12_-Cd.js', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 4);

    const gz = await get('/assets/index-Ab12_-Cd.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/index-Ab12_-Cd.js', '');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('caches hashed assets for a year, immutable; index.html, deep links and the favicon are revalidated', async () => {
    for (const encoding of ['br', 'gzip', '']) {
      expect((await get('/assets/index-Ab12_-Cd.js', encoding)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const index = await get('/index.html', 'br');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(index.rawPayload).toString()).toBe(html);

    const deepLink = await get('/console/cases/123', 'gzip, br', 'text/html');
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.headers['content-type']).toMatch(/^text\/html/);
    expect(deepLink.headers['cache-control']).toBe('no-cache');
    expect(deepLink.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(deepLink.rawPayload).toString()).toBe(html);

    const icon = await get('/favicon.svg', 'br');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for an asset that does not exist, whatever the encoding', async () => {
    expect((await get('/assets/missing-Zz99Zz99.js', 'br')).statusCode).toBe(404);
  });
});

describe('Content-Security-Policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('is sent with every answer: own scripts only, inline styles, images from here, data: and blob:, no framing', async () => {
    for (const url of ['/healthz', '/api/docs/', '/api/v1/categories']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives['default-src']).toEqual(["'self'"]);
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(directives['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']));
      expect(directives['connect-src']).toEqual(["'self'"]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('allows the map tile host the web app was built with, widening a {s} subdomain label', () => {
    expect(tileSources(undefined)).toEqual([]);
    expect(tileSources('/tiles/{z}/{x}/{y}.png')).toEqual([]);
    expect(tileSources('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toEqual(['https://tile.openstreetmap.org']);
    expect(tileSources('https://{s}.tile.example.com:8443/{z}/{x}/{y}.png')).toEqual(['https://*.tile.example.com:8443']);
    expect(tileSources('https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}')).toEqual(['https://*.is.autonavi.com']);
    expect(tileSources('http://{s}.com/{z}')).toEqual([]);
    expect(tileSources("https://evil.example.com;script-src 'unsafe-inline'/{z}")).toEqual([]);
    expect(contentSecurityPolicy('https://t{s}.tianditu.gov.cn/img_w/wmts?x={x}').imgSrc).toEqual(["'self'", 'data:', 'blob:', 'https://*.tianditu.gov.cn']);
  });
});
