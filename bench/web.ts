/**
 * What a browser downloads and how soon it shows something, for the two first screens that matter:
 * the staff console's home (after sign-in) and the resident report page on a phone. Real server
 * (`npm start` on a fresh demo folder), Debian's headless Chromium, cache disabled, 5 runs each;
 * bytes as they crossed the wire (Chromium's own count: compressed, headers included) and unpacked;
 * baseline: the same browser rendering a one-line HTML page from the same server (/healthz's JSON).
 *
 *   npm run -w bench web
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { fmt, loadAverage, machine, median, table, warnIfBusy } from './lib/stats.js';

const root = path.resolve(import.meta.dirname, '..');
const port = 3391;
const base = `http://127.0.0.1:${port}`;
const runs = 5;

async function startServer(): Promise<{ stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-web-'));
  const child = spawn('npm', ['start'], { cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WANGGE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: 'ignore', detached: true });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    async stop() {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 1500));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Sample {
  ms: number;
  /** Scripts as they crossed the wire (compressed, headers included), and unpacked. */
  jsWireBytes: number;
  jsBytes: number;
  jsFiles: number;
  /** The same scripts' brotli copies in web/dist (what an HTTPS browser gets; Chromium takes gzip over HTTP). */
  jsBrotliBytes: number;
  /** Everything the page fetched (HTML, scripts, styles, API answers, images), on the wire. */
  allWireBytes: number;
  encodings: string[];
}

/** Loads `url` in a fresh page with the cache off; times until `ready` is visible; counts bytes on the wire. */
async function measure(context: BrowserContext, url: string, ready: string): Promise<Sample> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scriptIds = new Set<string>();
  const encodings = new Set<string>();
  let jsWireBytes = 0;
  let allWireBytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type !== 'Script') return;
    scriptIds.add(e.requestId);
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    encodings.add(String(headers['content-encoding'] ?? 'identity'));
  });
  cdp.on('Network.loadingFinished', (e) => {
    allWireBytes += e.encodedDataLength;
    if (scriptIds.has(e.requestId)) jsWireBytes += e.encodedDataLength;
  });
  const scripts: Promise<number>[] = [];
  let jsBrotliBytes = 0;
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(response.body().then((b) => b.length).catch(() => 0));
    const brotli = path.join(root, 'web', 'dist', new URL(response.url()).pathname + '.br');
    if (fs.existsSync(brotli)) jsBrotliBytes += fs.statSync(brotli).size;
  });
  const started = performance.now();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = performance.now() - started;
  // Let the last transfers report their sizes (the console keeps an SSE stream open, so not "idle").
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
  const sizes = await Promise.all(scripts);
  await page.close();
  return { ms, jsWireBytes, jsBytes: sizes.reduce((a, b) => a + b, 0), jsFiles: sizes.length, jsBrotliBytes, allWireBytes, encodings: [...encodings] };
}

interface Series {
  medianMs: number;
  minMs: number;
  wireKb: number;
  brotliKb: number;
  rawKb: number;
  allKb: number;
  files: number;
  encodings: string;
}

async function series(make: () => Promise<Sample>): Promise<Series> {
  await make(); // warm-up: the server's first answers, the browser's own start
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await make());
  return {
    medianMs: median(samples.map((s) => s.ms)),
    minMs: Math.min(...samples.map((s) => s.ms)),
    wireKb: median(samples.map((s) => s.jsWireBytes)) / 1024,
    brotliKb: samples[0]!.jsBrotliBytes / 1024,
    rawKb: samples[0]!.jsBytes / 1024,
    allKb: median(samples.map((s) => s.allWireBytes)) / 1024,
    files: samples[0]!.jsFiles,
    encodings: samples[0]!.encodings.join('+') || '–',
  };
}

const row = (name: string, s: Series) => [name, String(s.files), fmt(s.wireKb), s.encodings, fmt(s.brotliKb), fmt(s.rawKb), fmt(s.allKb), fmt(s.medianMs), fmt(s.minMs)];

await warnIfBusy();
console.log(`Web first screens — ${machine()}, ${loadAverage()}`);
const server = await startServer();
let browser: Browser | undefined;
try {
  browser = await chromium.launch({
    executablePath: process.env.WANGGE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const login = await desk.request.post(`${base}/api/v1/auth/login`, { data: { username: 'community', password: 'wangge-demo' } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, locale: 'zh-CN' });

  const consoleHome = await series(() => measure(desk, `${base}/console`, '.wg-console .ant-card'));
  const residentReport = await series(() => measure(phone, `${base}/r/report`, '[data-testid=report-description]'));
  const baseline = await series(() => measure(phone, `${base}/healthz`, 'body'));

  console.log(
    table([
      ['first screen', 'JS files', 'JS on the wire KB', 'encoding', 'JS as brotli KB', 'JS unpacked KB', 'all on the wire KB', 'render median ms', 'min ms'],
      row('staff console home (/console, signed in, 1366×768)', consoleHome),
      row('resident report (/r/report, 375×667)', residentReport),
      row('baseline: one-line page (/healthz)', baseline),
    ]),
  );
  console.log(`\n${runs} runs each after a warm-up, cache disabled, localhost; at the end: ${loadAverage()}`);
} finally {
  await browser?.close();
  await server.stop();
}
