import { test, type Page } from '@playwright/test';
import { expect, anonymousApi, apiAs, photo, residentReports, screenshotsFor, signedInPage, viewports } from '../support/journey.js';

/**
 * The grid worker's (江庄村第一网格, `grid-worker`) day on the phone (390×844): the task list (one list from
 * GET /api/v1/me/tasks, grouped by kind), a patrol finding reported with a photo, a case the village sent to
 * the grid taken and handled with a photo, and the notifications.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shot = screenshotsFor('grid-worker-works-the-day-on-phone');
let worker: Page;
let caseId: string;
let caseNumber: string;

test.beforeAll(async ({ browser, playwright }) => {
  // A resident's report the village accepts and dispatches to the grid (through the API).
  const request = await anonymousApi(playwright);
  const reported = await residentReports(request, '江庄村第一网格 5 号楼下井盖松动，电动车压过去哐当响', { categoryCode: '0403' });
  caseId = reported.id;
  caseNumber = reported.number;
  const community = await apiAs(request, 'community');
  await community.act(caseId, 'accept');
  const grid = await community.target(caseId, '江庄村第一网格');
  await community.act(caseId, 'dispatch', { target: { kind: grid.kind, id: grid.id } });
  await request.dispose();
  worker = await signedInPage(browser, 'grid-worker', viewports.gridWorkerPhone);
});

test.afterAll(async () => {
  await worker?.context().close();
});

test('task list: one list of what to do now, grouped by kind', async () => {
  await expect(worker).toHaveURL(/\/m\/tasks/);
  await expect(worker.getByTestId('task-list')).toBeVisible();
  await expect(worker.getByText('正在加载…')).toHaveCount(0);
  await expect(worker.getByTestId('task-group-case')).toContainText('案件办理');
  await shot(worker, 'tasks');
});

test('task list: the case the village sent to the grid, to take (接单); the card opens it', async () => {
  await worker.goto('/m/tasks');
  const card = worker.getByTestId('task-group-case').getByTestId('task-card').filter({ hasText: caseNumber });
  await expect(card).toContainText('接单');
  await expect(card).toContainText('井盖松动');
  await card.click();
  await expect(worker).toHaveURL(new RegExp(`/m/cases/${caseId}$`));
});

test('patrol: report a finding with a photo and the current location', async () => {
  await worker.locator('.adm-tab-bar-item', { hasText: '上报问题' }).click();
  await expect(worker).toHaveURL(/\/m\/report/);
  await worker.getByTestId('report-description').locator('textarea:not([readonly])').fill('巡查发现江庄村第一网格小游园路灯杆被撞歪，有倒伏风险');
  // The form suggests a type from the description (可能是：路灯照明).
  await worker.getByRole('button', { name: '路灯照明' }).first().click();
  await worker.locator('input[type=file]').first().setInputFiles(await photo({ r: 120, g: 120, b: 180 }));
  await worker.getByRole('button', { name: /使用我的当前位置/ }).click();
  await expect(worker.getByTestId('location-field')).toContainText('江庄村第一网格');
  await shot(worker, 'patrol-form', { fullPage: true });
  await worker.getByTestId('report-submit').click();
  await expect(worker.getByText(/已上报，案件编号 320305-\d{8}-\d{4}/)).toBeVisible();
  await shot(worker, 'patrol-submitted');
});

test('the dispatched case: take it, then report the result with a photo', async () => {
  await worker.goto(`/m/cases/${caseId}`);
  const facts = worker.getByTestId('case-facts');
  await expect(worker.getByText(caseNumber).first()).toBeVisible();
  await expect(facts).toContainText('已派单');
  await shot(worker, 'case-dispatched', { fullPage: true });
  await worker.getByTestId('case-actions').getByRole('button', { name: '接单' }).click();
  await worker.getByTestId('action-confirm').click();
  await expect(facts).toContainText('处置中');

  await worker.getByTestId('case-actions').getByRole('button', { name: /处置/ }).click();
  const sheet = worker.getByTestId('action-handle');
  await sheet.getByRole('textbox').fill('已更换井盖并加固底座，电动车通行无异响');
  await sheet.locator('input[type=file]').first().setInputFiles(await photo({ r: 60, g: 60, b: 60 }));
  await expect(sheet.getByText('上传中')).toHaveCount(0);
  await shot(worker, 'handle-sheet');
  await worker.getByTestId('action-confirm').click();
  await expect(facts).toContainText('处置完毕');
  await expect(worker.getByText('照片', { exact: true })).toBeVisible();
  await shot(worker, 'case-handled', { fullPage: true });
});

test('notifications', async () => {
  await worker.locator('.adm-tab-bar-item', { hasText: '通知' }).click();
  const list = worker.getByTestId('mobile-notifications');
  await expect(list).toContainText('派单');
  await shot(worker, 'notifications');
});
