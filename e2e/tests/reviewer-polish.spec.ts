import { test } from '@playwright/test';
import { anonymousApi, apiAs, expect, photo, residentReports, screenshotsFor, signedInPage, viewports } from '../support/journey.js';

/**
 * Defects a reviewer found walking every role in the browser: focus outlines that looked like
 * errors, spaced two-character buttons, empty-looking loading states, raw audit entries, an empty
 * leader board, a blank coverage date, raw coordinates and grey photo tiles on the phone.
 */
const shot = screenshotsFor('reviewer-polish');
const red = 'rgb(192, 57, 43)';

test('a focused field is outlined blue-grey, not in the error red; two-character buttons have no space', async ({ browser }) => {
  const admin = await signedInPage(browser, 'admin', viewports.console);
  await admin.goto('/console/audit');
  const field = admin.locator('.ant-form-item').filter({ hasText: '对象编号' }).locator('.ant-input-affix-wrapper');
  await field.locator('input').focus();
  await expect(field).toHaveCSS('border-top-color', 'rgb(63, 88, 114)');
  await expect(field).not.toHaveCSS('border-top-color', red);
  await expect(admin.getByRole('button', { name: /重\s*置/ })).toHaveText('重置');
  await shot(admin, 'audit-focused-field');
  await admin.context().close();
});

test('the roles page shows a loading state, not "no data", while the matrix loads', async ({ browser }) => {
  const admin = await signedInPage(browser, 'admin', viewports.console);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await admin.route('**/api/v1/roles', async (route) => {
    await held;
    await route.continue();
  });
  await admin.goto('/console/roles');
  await expect(admin.getByTestId('page-loading')).toBeVisible();
  await expect(admin.getByText('暂无数据')).toHaveCount(0);
  await shot(admin, 'roles-loading');
  release();
  await expect(admin.getByTestId('roles-matrix')).toContainText('网格员');
  await admin.context().close();
});

test('the audit trail names actions, object types and details in words', async ({ browser }) => {
  const admin = await signedInPage(browser, 'admin', viewports.console);
  await admin.goto('/console/audit');
  const table = admin.locator('.ant-table-tbody');
  await expect(table.getByText('登录', { exact: true }).first()).toBeVisible();
  await expect(table).not.toContainText('auth.login');
  await expect(table).not.toContainText('supervision_notice');
  await expect(admin.getByTestId('audit-data').first()).not.toContainText('{"');
  await shot(admin, 'audit-trail');
  await admin.context().close();
});

test('a leader home has no empty 待我处理 board', async ({ browser }) => {
  const leader = await signedInPage(browser, 'leader', viewports.console);
  await expect(leader.getByTestId('home-overdue')).toBeVisible();
  await expect(leader.getByTestId('home-waiting')).toHaveCount(0);
  await shot(leader, 'leader-home');
  await leader.context().close();
});

test('the visit coverage date starts at today; the supervision list and inbox cut long cells with a tooltip', async ({ browser }) => {
  const center = await signedInPage(browser, 'center', viewports.console);
  await center.goto('/console/visit-coverage');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await expect(center.locator('.ant-picker input').first()).toHaveValue(today);
  await shot(center, 'visit-coverage');
  await center.goto('/console/supervision');
  await expect(center.locator('.ant-table-row').first()).toBeVisible();
  await shot(center, 'supervision-list');
  await center.goto('/console/cases');
  await expect(center.locator('.ant-table-row').first()).toBeVisible();
  await shot(center, 'inbox');
  await center.context().close();
});

test('phone patrol: the place reads as a grid name and the chosen photo shows its preview', async ({ browser }) => {
  const worker = await signedInPage(browser, 'grid-worker', viewports.gridWorkerPhone);
  await worker.goto('/m/report');
  await worker.locator('input[type=file]').first().setInputFiles(await photo({ r: 200, g: 60, b: 60 }));
  const preview = worker.locator('.adm-image-uploader-cell img').first();
  await expect(preview).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await worker.getByRole('button', { name: /使用我的当前位置/ }).click();
  await expect(worker.getByTestId('location-name')).toContainText('江庄村第一网格');
  await expect(worker.getByTestId('location-coordinates')).toContainText('34.49890');
  await shot(worker, 'patrol-form', { fullPage: true });
  // A tap opens the photo full screen: the viewer shows the photo, not a broken-image icon.
  await preview.click();
  const viewed = worker.locator('.adm-image-viewer-image-wrapper img').first();
  await expect(viewed).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => viewed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await shot(worker, 'patrol-photo-viewer');
  await worker.context().close();
});

test('the API key territory field can be searched', async ({ browser }) => {
  const admin = await signedInPage(browser, 'admin', viewports.console);
  await admin.goto('/console/api-keys');
  await admin.getByTestId('api-key-create').click();
  await admin.getByTestId('api-key-nodes').click();
  await admin.keyboard.type('江庄村第一');
  await expect(admin.locator('.ant-select-tree-title', { hasText: '江庄村第一网格' }).first()).toBeVisible();
  await shot(admin, 'api-key-territory-search');
  await admin.context().close();
});

test('phone handle sheet: confirm waits until the photo has uploaded', async ({ browser, playwright }) => {
  const request = await anonymousApi(playwright);
  const reported = await residentReports(request, '江庄村第一网格健身器材螺丝松动，晃得厉害');
  const community = await apiAs(request, 'community');
  await community.act(reported.id, 'accept');
  const grid = await community.target(reported.id, '江庄村第一网格');
  await community.act(reported.id, 'dispatch', { target: { kind: grid.kind, id: grid.id } });
  await (await apiAs(request, 'grid-worker')).act(reported.id, 'take');
  await request.dispose();

  const worker = await signedInPage(browser, 'grid-worker', viewports.gridWorkerPhone);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await worker.route('**/api/v1/photos', async (route) => {
    await held;
    await route.continue();
  });
  await worker.goto(`/m/cases/${reported.id}`);
  await worker.getByTestId('case-actions').getByRole('button', { name: /处置/ }).click();
  const sheet = worker.getByTestId('action-handle');
  await sheet.getByRole('textbox').fill('已拧紧全部螺丝并试用，器材稳固');
  await sheet.locator('input[type=file]').first().setInputFiles(await photo({ r: 60, g: 60, b: 60 }));
  await expect(worker.getByTestId('action-confirm')).toBeDisabled();
  await expect(worker.getByTestId('action-confirm')).toContainText('照片上传中');
  // The sheet renders outside the phone page's element and still takes the app's red, not antd-mobile's blue.
  await expect(worker.getByTestId('action-confirm')).toHaveCSS('background-color', 'rgb(192, 57, 43)');
  await shot(worker, 'handle-sheet-uploading');
  release();
  await expect(worker.getByTestId('action-confirm')).toBeEnabled();
  await worker.context().close();
});
