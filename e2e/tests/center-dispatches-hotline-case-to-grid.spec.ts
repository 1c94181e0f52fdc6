import { expect, test, type Browser, type Page } from '@playwright/test';
import { chooseInSelect, consoleAction } from '../support/journey.js';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };

async function newPage(browser: Browser, options: typeof phone | typeof desk): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: test.info().project.use.baseURL, timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

test('the town center enters a hotline call with an address only, dispatches it down to a grid, and the grid worker takes it on the phone', async ({ browser }) => {
  test.setTimeout(240_000);
  const description = '热线来电：江庄村东组 12 号门口污水外溢，已持续两天';

  // 1. The center enters the call in the console: hotline, address only (the defaults of the page).
  const center = await newPage(browser, desk);
  await signIn(center, 'center');
  await center.goto('/console/cases/new');
  const form = center.getByTestId('new-case-form');
  await form.getByLabel('问题描述').fill(description);
  await form.getByRole('textbox', { name: '地址' }).fill('江庄镇江庄村东组 12 号');
  await center.getByTestId('new-case-submit').click();
  const created = center.getByTestId('created-case');
  await expect(created).toBeVisible();
  const number = (await created.locator('.ant-typography').first().innerText()).trim();
  expect(number).toMatch(/^320305-\d{8}-\d{4}$/);
  await center.getByRole('button', { name: '查看案件' }).click();
  await expect(center).toHaveURL(/\/console\/cases\/[0-9a-f-]{36}$/);
  const caseId = center.url().split('/').pop()!;
  // Located where the address says: the village, not a grid.
  await expect(center.getByText('江庄村').first()).toBeVisible();

  // 2. Accepted, then dispatched down to 江庄村第一网格 (a target the server offers).
  await consoleAction(center, caseId, 'accept');
  await consoleAction(center, caseId, 'dispatch', async (dialog) => {
    await chooseInSelect(center, dialog.locator('.ant-select').first(), '江庄村第一网格（');
  });
  await expect(center.getByText('已派单').first()).toBeVisible();
  await saveScreenshot(center, 'center-dispatches-hotline-case-to-grid-1-console');

  // 3. The grid worker finds it on the phone and takes it.
  const worker = await newPage(browser, phone);
  await signIn(worker, 'grid-worker');
  await worker.goto('/m/notifications');
  await expect(worker.getByTestId('mobile-notifications')).toContainText(number);
  await worker.goto(`/m/cases/${caseId}`);
  await expect(worker.getByText(number).first()).toBeVisible();
  await expect(worker.getByTestId('case-facts')).toContainText('江庄村第一网格');
  await worker.getByTestId('case-actions').getByRole('button', { name: '接单' }).click();
  await saveScreenshot(worker, 'center-dispatches-hotline-case-to-grid-2-take-phone');
  await worker.getByTestId('action-confirm').click();
  await expect(worker.getByTestId('case-actions').getByRole('button', { name: '接单' })).toHaveCount(0);
  await expect(worker.getByText('处置中').first()).toBeVisible();
});
