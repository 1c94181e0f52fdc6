import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';

/** 江庄村第一网格 in the demo county (贾汪区). */
const demoGridCode = '32030510720501';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a resident opens a grid’s contact card on the phone, sees whom to call and reports located to the grid', async ({ page }) => {
  // What the printed card's QR code leads to, and the phone page of the same card.
  await page.goto(`/r/card/${demoGridCode}`);
  const card = page.getByTestId('contact-card');
  await expect(card).toContainText('党群联系卡');
  await expect(page.getByTestId('card-place')).toContainText('江庄村第一网格');
  const contacts = page.getByTestId('card-contact');
  await expect(contacts.first()).toBeVisible();
  // Tap-to-call: the work phone as a tel: link (有事直联).
  const callLink = card.locator('a[href^="tel:1"]').first();
  await expect(callLink).toBeVisible();
  await saveScreenshot(page, 'resident-opens-contact-card-1-card', { fullPage: true });

  await page.getByTestId('card-report').click();
  await expect(page).toHaveURL(new RegExp(`/r/report\\?grid=${demoGridCode}$`));
  await expect(page.getByTestId('report-preset-place')).toContainText('江庄村第一网格');
  await page.getByTestId('report-description').locator('textarea:not([readonly])').fill('楼道里的灯坏了一个星期，晚上看不见台阶');
  await saveScreenshot(page, 'resident-opens-contact-card-2-report', { fullPage: true });
  await page.getByTestId('report-submit').click();
  // The case is located to the card's grid without the resident choosing a place.
  await expect(page.getByTestId('receipt')).toBeVisible();
  await expect(page.locator('body')).toContainText('江庄村第一网格');
});
