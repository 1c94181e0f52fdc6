import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';

/** 江庄村第一网格 in the demo county (贾汪区). */
const demoGridCode = '32030510720501';
const reporter = { name: '测试居民', phone: '13912345678' };

test('a resident reports a problem and follows it by number and tracking code', async ({ page, request }) => {
  // Report through the resident channel, without signing in.
  const created = await request.post('/api/v1/cases', {
    headers: { 'accept-language': 'zh-CN', 'idempotency-key': `e2e-resident-${Date.now()}` },
    data: {
      channel: 'resident_app',
      demandType: 'help',
      description: '江庄村第一网格路口的路灯连续两晚不亮，晚上出行不便',
      location: { gridCode: demoGridCode },
      reporter,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { number: string; trackingCode: string; status: string };
  expect(body.number).toMatch(/^320305-\d{8}-\d{4,}$/);
  expect(body.trackingCode).toBeTruthy();
  expect(body.status).toBe('reported');

  // Later, in the browser: the public tracking page, by number + code.
  const response = await page.goto(`/api/v1/track/${body.number}?code=${encodeURIComponent(body.trackingCode)}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toContain('application/json');

  const text = await page.locator('body').innerText();
  const shown = JSON.parse(text) as { number: string; status: string; statusLabel: string; area: string; timeline: Array<{ label: string }> };
  expect(shown).toMatchObject({ number: body.number, status: 'reported', statusLabel: '上报' });
  expect(shown.area).toContain('江庄村');
  expect(shown.timeline.map((e) => e.label)).toContain('上报');
  await expect(page.locator('body')).toContainText('"statusLabel":"上报"');

  // No personal data on the public page: neither the name, nor the phone, nor a masked form of them.
  for (const secret of [reporter.name, reporter.phone, reporter.phone.slice(-4), '测*', 'reporter', 'phone']) {
    expect(text, `tracking page must not show ${secret}`).not.toContain(secret);
  }
  await saveScreenshot(page, 'resident-tracks-case');

  // A wrong code looks exactly like a number that does not exist.
  const wrong = await page.goto(`/api/v1/track/${body.number}?code=WRONG123`);
  expect(wrong?.status()).toBe(404);
});
