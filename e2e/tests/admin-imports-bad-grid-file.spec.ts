import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';

/** A file an admin might get from a contractor: a bow-tie polygon and a grid of a village that does not exist. */
const badFile = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '32030510720598', name: '江庄村测试网格', villageCode: '320305107205', kind: 'basic' },
      geometry: { type: 'Polygon', coordinates: [[[117.37, 34.49], [117.38, 34.5], [117.38, 34.49], [117.37, 34.5], [117.37, 34.49]]] },
    },
    {
      type: 'Feature',
      properties: { code: '99999999999901', name: '不存在村第一网格', villageCode: '999999999999', kind: 'basic' },
      geometry: { type: 'Polygon', coordinates: [[[117.37, 34.49], [117.371, 34.49], [117.371, 34.491], [117.37, 34.49]]] },
    },
  ],
};

test('an admin uploads a bad GeoJSON file and reads why each grid was rejected', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/console/grid-import');
  await page.locator('input[type=file]').setInputFiles({ name: 'contractor-grids.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(badFile)) });
  // The report lists every offending feature with the server's reason, and nothing was imported.
  await expect(page.getByText('32030510720598').first()).toBeVisible();
  await expect(page.getByText(/自相交/).first()).toBeVisible();
  await expect(page.getByText(/999999999999.*不存在|不存在.*999999999999/).first()).toBeVisible();
  await saveScreenshot(page, 'admin-imports-bad-grid-file', { fullPage: true });

  const check = await page.request.get('/api/v1/territories/32030510720598');
  expect(check.status()).toBe(404);
});
