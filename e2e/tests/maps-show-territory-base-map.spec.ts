import { expect, test, type Locator, type Page } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';

/**
 * Without a tile server (VITE_TILE_URL unset, the default) every map draws the county, town,
 * village and grid outlines with their names as its base map, instead of a blank grey box.
 */

const village = '江庄村';
const town = '江庄镇';
/** Near the middle of 江庄村 (WGS-84). */
const inJiangzhuang = { latitude: 34.492, longitude: 117.373 };

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } as const;

function label(map: Locator, name: string): Locator {
  return map.locator('.wg-base-label').filter({ hasText: new RegExp(`^${name}$`) });
}

/** Outlines are SVG paths in the base pane; at least the county and its towns. */
async function expectOutlines(map: Locator): Promise<void> {
  await expect.poll(async () => map.locator('.leaflet-wgBase-pane path').count(), { timeout: 15_000 }).toBeGreaterThan(5);
}

/**
 * Finds the village's name the way a person would: zoom out (−) until the town's name shows, then
 * turn the mouse wheel over the town's name (no click, which would pick a point) until the village's shows.
 */
async function zoomUntilLabel(page: Page, map: Locator): Promise<void> {
  for (let step = 0; step < 10; step++) {
    if (await label(map, village).isVisible()) return;
    if (await label(map, town).isVisible()) {
      const box = (await label(map, town).boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -120);
    } else {
      const zoomOut = map.locator('.leaflet-control-zoom-out');
      if (await zoomOut.evaluate((el) => el.classList.contains('leaflet-disabled'))) break;
      await zoomOut.click();
    }
    await page.waitForTimeout(800); // the zoom animation, then the names are placed again
  }
  await expect(label(map, village)).toBeVisible();
}

test('the resident report page’s map picker shows outlines and names', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ ...phone, baseURL: test.info().project.use.baseURL, geolocation: inJiangzhuang, permissions: ['geolocation'] });
  const page = await context.newPage();
  await page.goto('/r/report');
  await page.getByRole('button', { name: '在地图上点选' }).click();
  const map = page.getByTestId('grid-map');
  await expect(map).toBeVisible();
  await expectOutlines(map);
  await expect(map.locator('.wg-base-label').first()).toBeVisible();
  await saveScreenshot(page, 'maps-1-resident-county');
  // 使用我的当前位置: the map moves to the phone's position, in 江庄村.
  await page.getByRole('button', { name: '使用我的当前位置' }).click();
  await expect(page.getByTestId('location-field')).toContainText(village);
  await zoomUntilLabel(page, map);
  await expect(map.locator('.leaflet-wgBase-pane path').first()).toBeAttached();
  await map.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'maps-2-resident-village');
  await context.close();
});

test('the cadre’s 今日走访 map shows outlines and names, under the tab bar', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ ...phone, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, 'cadre');
  await page.goto('/m/visits');
  await expect(page.getByTestId('visit-item').first()).toBeVisible();
  await page.getByText('地图', { exact: true }).click();
  const map = page.getByTestId('grid-map');
  await expectOutlines(map);
  await zoomUntilLabel(page, map);
  await saveScreenshot(page, 'maps-3-cadre-visits');
  // The tab bar stays above the map's controls and panes when the page scrolls under it.
  const tabbar = page.locator('.wg-tabbar');
  const box = (await tabbar.boundingBox())!;
  const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.wg-tabbar') !== null, { x: box.x + box.width / 2, y: box.y + 5 });
  expect(onTop).toBe(true);
  await context.close();
});

test('the department’s case map in the console shows outlines and names', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, 'department');
  await page.goto('/console/map');
  const map = page.getByTestId('grid-map');
  await expectOutlines(map);
  await saveScreenshot(page, 'maps-4-department-county');
  await zoomUntilLabel(page, map);
  await saveScreenshot(page, 'maps-5-department-village');
  await context.close();
});

test('the phone case page shows the address, a small map and navigation links instead of coordinates', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ ...phone, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, 'grid-worker');
  // One of the worker's cases that has a place (the session cookie signs the API call in).
  const list = await page.request.get('/api/v1/cases?limit=100');
  expect(list.status()).toBe(200);
  const { items } = (await list.json()) as { items: Array<{ id: string; lat: number | null; lng: number | null }> };
  const located = items.find((c) => c.lat !== null && c.lng !== null)!;
  expect(located).toBeTruthy();
  const detail = (await (await page.request.get(`/api/v1/cases/${located.id}`)).json()) as { location: { address: string | null } };
  await page.goto(`/m/cases/${located.id}`);
  const facts = page.getByTestId('case-facts');
  await expect(facts).toBeVisible();
  if (detail.location.address) await expect(facts).toContainText(detail.location.address);
  const links = page.getByTestId('navigation-links');
  await expect(links).toBeVisible();
  await expect(links.getByRole('link', { name: '手机地图' })).toHaveAttribute('href', /^geo:34\.\d+,117\.\d+\?q=/);
  await expect(links.getByRole('link', { name: '高德地图' })).toHaveAttribute('href', /^https:\/\/uri\.amap\.com\/navigation\?to=117\.\d+,34\.\d+,.*coordinate=gaode/);
  await expect(links.getByRole('link', { name: '百度地图' })).toHaveAttribute('href', /^https:\/\/api\.map\.baidu\.com\/marker\?location=34\.\d+,117\.\d+.*coord_type=bd09ll/);
  // No raw coordinates in the facts any more.
  await expect(facts).not.toContainText(/\d{2,3}\.\d{5}, \d{2,3}\.\d{5}/);
  await expectOutlines(page.getByTestId('place-map').getByTestId('grid-map'));
  await saveScreenshot(page, 'maps-6-phone-case', { fullPage: true });
  await context.close();
});
