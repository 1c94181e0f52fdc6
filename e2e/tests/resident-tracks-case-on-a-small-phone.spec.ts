import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

/**
 * A resident on a 375 px phone: the case number stays on one line, the timeline does not repeat
 * "上报 · 上报", and the public page never asks who is signed in (no /auth/me, no 401 in the console).
 */
test('the tracking page on a small phone: number on one line, no repeated step, no staff-session call', async ({ page, request }) => {
  test.setTimeout(90_000);
  const res = await request.post('/api/v1/cases', {
    data: {
      channel: 'resident_app',
      description: '江庄村第一网格垃圾桶满溢，气味很大',
      demandType: 'help',
      categoryCode: '0105',
      location: { lat: 34.4989, lng: 117.3713 },
      reporter: { name: '王秀英', phone: '13800010137' },
    },
  });
  expect(res.status()).toBe(201);
  const { number, trackingCode } = await res.json();

  const meCalls: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/auth/me')) meCalls.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`/r/track?number=${number}&code=${trackingCode}`);
  const shown = page.getByTestId('tracked-number');
  await expect(shown).toHaveText(number);
  const box = (await shown.boundingBox())!;
  const lineHeight = await shown.evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * 1.8);
  expect(box.height, 'the number fits on one line').toBeLessThan(lineHeight);
  await expect(page.getByTestId('tracked-case')).not.toContainText('上报 · 上报');
  await expect(page.getByTestId('tracked-case')).toContainText('上报');
  await saveScreenshot(page, 'resident-track-375', { fullPage: true });
  expect(meCalls).toEqual([]);
  expect(errors).toEqual([]);
});
