import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';
import { confirmDialog } from '../support/journey.js';

/** Inside 江庄村第一网格, the grid-worker's grid. */
const jiangzhuangGrid1 = { latitude: 34.4989, longitude: 117.3713 };
const phone = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'zh-CN', geolocation: jiangzhuangGrid1, permissions: ['geolocation'] };
const desk = { viewport: { width: 1366, height: 768 }, locale: 'zh-CN' };

async function newPage(browser: Browser, options: typeof phone | typeof desk): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: test.info().project.use.baseURL, timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

/** Console: open the case and perform one of the server's allowed actions through its dialog. */
async function consoleAction(page: Page, caseId: string, action: string, fill?: (page: Page) => Promise<void>) {
  await page.goto(`/console/cases/${caseId}`);
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (fill) await fill(page);
  await confirmDialog(page);
  await expect(dialog).toBeHidden();
}

test('a resident reports a problem with a photo, the village dispatches it, the grid worker fixes it, another verifier closes it, and the resident sees it closed', async ({ browser }) => {
  test.setTimeout(180_000);

  // 1. The resident reports from the phone: description, category, photo, current location, name and phone.
  const resident = await newPage(browser, phone);
  await resident.goto('/r/report');
  await resident.getByPlaceholder(/请说明什么问题/).fill('江庄村第一网格路口的生活垃圾三天没人清运，气味很大');
  await resident.getByRole('button', { name: '生活垃圾清运' }).first().click();
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 90, g: 140, b: 90 } } }).jpeg().toBuffer();
  await resident.locator('input[type=file]').first().setInputFiles({ name: 'rubbish.jpg', mimeType: 'image/jpeg', buffer: photo });
  await resident.getByRole('button', { name: /使用我的当前位置/ }).click();
  await resident.getByPlaceholder('您的称呼').fill('王秀英');
  await resident.getByPlaceholder(/11 位手机号/).fill('13800010137');
  await saveScreenshot(resident, 'resident-case-closes-the-loop-1-report', { fullPage: true });
  await resident.getByTestId('report-submit').click();
  await expect(resident.getByTestId('receipt')).toBeVisible({ timeout: 30_000 });
  const number = (await resident.getByTestId('receipt-number').innerText()).trim();
  const code = (await resident.getByTestId('receipt-code').innerText()).trim();
  expect(number).toMatch(/^320305-\d{8}-\d{4}$/);
  await saveScreenshot(resident, 'resident-case-closes-the-loop-2-receipt');

  // 2. The village (community staff) accepts it and dispatches it to the grid.
  const community = await newPage(browser, desk);
  await signIn(community, 'community');
  const found = await (await community.request.get(`/api/v1/cases?q=${number}`)).json();
  const caseId: string = found.items[0].id;
  await consoleAction(community, caseId, 'accept');
  await consoleAction(community, caseId, 'dispatch', async (page) => {
    // Choose the grid and make sure the choice took and the list closed before confirming: on a loaded
    // machine a click can land while the filtered list re-renders and leave it open over the OK button.
    const select = page.getByRole('dialog').locator('.ant-select').first();
    await expect(async () => {
      if (!(await select.textContent())?.includes('江庄村第一网格')) {
        await select.click();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type('江庄村第一网格');
        await page.locator('.ant-select-item-option', { hasText: '江庄村第一网格' }).first().click({ timeout: 5_000 });
      }
      await expect(select).toContainText('江庄村第一网格', { timeout: 2_000 });
      const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      if (await openList.count()) await page.getByRole('dialog').locator('.ant-modal-title').click();
      await expect(openList).toHaveCount(0, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  });
  await expect(community.getByTestId('case-detail')).toContainText('已派单');
  await saveScreenshot(community, 'resident-case-closes-the-loop-3-dispatched');

  // 3. The grid worker takes it on the phone and reports the result with a photo of the clean corner.
  const worker = await newPage(browser, phone);
  await signIn(worker, 'grid-worker');
  await worker.goto(`/m/cases/${caseId}`);
  await worker.getByTestId('case-actions').getByRole('button', { name: '接单' }).click();
  await worker.getByTestId('action-confirm').click();
  await expect(worker.getByTestId('case-facts')).toContainText('处置中');
  await worker.getByTestId('case-actions').getByRole('button', { name: /处置/ }).click();
  await worker.getByTestId('action-handle').getByRole('textbox').fill('已联系保洁员清运，路口已清扫干净');
  await saveScreenshot(worker, 'resident-case-closes-the-loop-4-handle');
  await worker.getByTestId('action-confirm').click();
  await expect(worker.getByTestId('case-facts')).toContainText('处置完毕');

  // 4. Another verifier — the town center — checks and closes it (the handler may not verify their own work).
  const center = await newPage(browser, desk);
  await signIn(center, 'center');
  await consoleAction(center, caseId, 'close');
  await expect(center.getByTestId('case-detail')).toContainText('已结案');
  await saveScreenshot(center, 'resident-case-closes-the-loop-5-closed');

  // 5. The resident follows it with number + code and sees it closed, with no personal data on the page.
  await resident.goto('/r/track');
  await resident.getByTestId('track-number').locator('input').fill(number);
  await resident.getByTestId('track-code').locator('input').fill(code);
  await resident.getByTestId('track-submit').click();
  const tracked = resident.getByTestId('tracked-case');
  await expect(tracked).toContainText('已结案');
  await expect(tracked).not.toContainText('王秀英');
  await expect(tracked).not.toContainText('13800010137');
  await saveScreenshot(resident, 'resident-case-closes-the-loop-6-tracked', { fullPage: true });
});
