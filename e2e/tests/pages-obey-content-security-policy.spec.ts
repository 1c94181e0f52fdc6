import { expect, test, type Page, type Response } from '@playwright/test';
import { signIn } from '../support/sign-in.js';

/**
 * The Content-Security-Policy the server sends must not break what the pages really load: the
 * console home (antd, SSE), the resident report page (antd-mobile, photo previews) and the Swagger UI.
 * Any `securitypolicyviolation` event or "Refused to …" console message fails the test. On the way,
 * the scripts must arrive precompressed (brotli or gzip) and, being hashed, cacheable for a year.
 */
const violationsKey = '__cspViolations';

async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleMessages: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) consoleMessages.push(message.text());
  });
  await page.addInitScript((key) => {
    const seen: string[] = [];
    (window as unknown as Record<string, string[]>)[key] = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
  }, violationsKey);
  return async () => [...consoleMessages, ...(await page.evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], violationsKey))];
}

function watchScripts(page: Page): Response[] {
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && new URL(response.url()).pathname.startsWith('/assets/')) scripts.push(response);
  });
  return scripts;
}

async function expectCompressedAndCached(scripts: Response[]) {
  expect(scripts.length).toBeGreaterThan(0);
  for (const response of scripts) {
    const headers = await response.allHeaders();
    // Files under 512 bytes are not worth a compressed copy (web/vite.config.ts `precompress`). The size
    // comes from the headers: a script's body is gone once the page has navigated on.
    if (!headers['content-encoding'] && Number(headers['content-length']) < 512) continue;
    // Chromium asks for brotli over HTTPS; over plain HTTP (these tests) it takes the gzip copy.
    expect(['br', 'gzip'], response.url()).toContain(headers['content-encoding']);
    expect(headers['cache-control'], response.url()).toBe('public, max-age=31536000, immutable');
  }
}

test('the console home shows under the CSP without a violation, its scripts precompressed and cached', async ({ page }) => {
  const violations = await watchViolations(page);
  const csp = (await page.request.get('/console')).headers()['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  await signIn(page, 'community');
  const scripts = watchScripts(page);
  await page.goto('/console');
  await expect(page.locator('.wg-console .ant-card').first()).toBeVisible();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expect(await violations()).toEqual([]);
  await expectCompressedAndCached(scripts);
  // The red favicon is linked and served.
  const icon = await page.request.get((await page.locator('link[rel=icon]').getAttribute('href'))!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
});

test('the resident report page, with a photo preview, shows under the CSP without a violation', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'zh-CN', baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const violations = await watchViolations(page);
  const scripts = watchScripts(page);
  await page.goto('/r/report');
  await expect(page.getByTestId('report-description')).toBeVisible();
  // A picked photo is previewed from a blob: URL.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await page.locator('input[type=file]').first().setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
  await expect(page.locator('img[src^="blob:"]').first()).toBeAttached();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expect(await violations()).toEqual([]);
  await expectCompressedAndCached(scripts);
  await context.close();
});

test('the API docs (Swagger UI) work under the CSP without a violation', async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await watchViolations(page);
  await page.goto('/api/docs');
  // Swagger UI parses the whole OpenAPI document before it shows anything: slow on a busy machine.
  await expect(page.getByRole('heading', { name: /Wangge API/ }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.opblock').first()).toBeVisible();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expect(await violations()).toEqual([]);
});
