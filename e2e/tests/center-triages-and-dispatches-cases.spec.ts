import { test, type Page } from '@playwright/test';
import { expect, anonymousApi, openMenu, chooseInSelect, residentReports, screenshotsFor, signedInPage, viewports, confirmDialog } from '../support/journey.js';

/**
 * The town center's (江庄镇治理中心) day in the console (1366×768): the inbox, a new resident report accepted
 * and dispatched to the village, a 12345 hotline call entered on the new-case form, a 督办单 issued by hand on
 * a case that waits too long, and the printable dispatch slip.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shot = screenshotsFor('center-triages-and-dispatches-cases');
let center: Page;
let caseId: string;
let caseNumber: string;

test.beforeAll(async ({ browser, playwright }) => {
  const request = await anonymousApi(playwright);
  const reported = await residentReports(request, '江庄村第一网格菜市场门口占道摆摊，早高峰车辆通行困难', { categoryCode: '0101' });
  caseId = reported.id;
  caseNumber = reported.number;
  await request.dispose();
  center = await signedInPage(browser, 'center', viewports.console);
});

test.afterAll(async () => {
  await center?.context().close();
});

test('home and inbox: the new report is waiting at 上报', async () => {
  await expect(center.getByTestId('home-waiting')).toBeVisible();
  await shot(center, 'home');
  await openMenu(center, '案件');
  const row = center.getByTestId('inbox-table').locator('tr', { hasText: caseNumber });
  await expect(row).toContainText('上报');
  await shot(center, 'inbox');
  await row.getByRole('link', { name: caseNumber }).click();
  await expect(center).toHaveURL(new RegExp(`/console/cases/${caseId}$`));
  await expect(center.getByTestId('case-detail')).toContainText('占道摆摊');
  await shot(center, 'case-reported');
});

test('accept the report', async () => {
  await center.getByTestId('action-accept').click();
  const dialog = center.getByRole('dialog');
  await dialog.getByRole('textbox').first().fill('核实属实，转江庄村处理');
  await shot(center, 'accept-dialog');
  await confirmDialog(center);
  await expect(dialog).toBeHidden();
  await expect(center.getByTestId('case-detail')).toContainText('已受理');
});

test('dispatch it to the village 江庄村', async () => {
  await center.getByTestId('action-dispatch').click();
  const dialog = center.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // The dialog proposes the case's grid; the center sends it to the village instead (option 江庄村（code）).
  await chooseInSelect(center, dialog.locator('.ant-select').first(), '江庄村（');
  await dialog.getByRole('textbox').last().fill('请村里今天协调城管劝离');
  await shot(center, 'dispatch-dialog');
  await confirmDialog(center);
  await expect(dialog).toBeHidden();
  const detail = center.getByTestId('case-detail');
  await expect(detail).toContainText('已派单');
  await expect(detail).toContainText('江庄村');
  await shot(center, 'dispatched', { fullPage: true });
});

test('the dispatch slip (交办单) for printing', async () => {
  await center.getByRole('button', { name: /交办单/ }).click();
  await expect(center).toHaveURL(new RegExp(`/console/cases/${caseId}/slip$`));
  const slip = center.getByTestId('slip');
  await expect(slip).toContainText(caseNumber);
  await expect(slip).toContainText('江庄村');
  await expect(center.getByTestId('slip-print')).toBeEnabled();
  await shot(center, 'slip', { fullPage: true });
  await center.goBack();
});

test('督办 by hand on the dispatched case', async () => {
  await expect(center.getByTestId('case-detail')).toContainText(caseNumber);
  const panel = center.getByTestId('case-notices');
  await panel.getByRole('button', { name: /^督\s*办$/ }).click();
  const dialog = center.getByRole('dialog');
  await dialog.getByRole('textbox').fill('占道问题群众多次反映，请江庄村今日处理完毕');
  await confirmDialog(center);
  await expect(dialog).toBeHidden();
  await expect(panel).toContainText(/DB-320305-\d{8}-\d{4}/);
  await shot(center, 'notice-issued');
  await openMenu(center, '督办单');
  await expect(center.locator('.ant-table-row', { hasText: caseNumber }).first()).toBeVisible();
  await shot(center, 'supervision-list');
});

test('a 12345 hotline call entered on the new-case form', async () => {
  await openMenu(center, '新建案件');
  const form = center.getByTestId('new-case-form');
  await expect(form).toBeVisible();
  await form.locator('.ant-radio-button-wrapper', { hasText: '12345 热线' }).click();
  await form.locator('.ant-radio-button-wrapper', { hasText: '投诉举报' }).click();
  await expect(form.locator('.ant-radio-button-wrapper-checked', { hasText: '投诉举报' })).toBeVisible();
  await form.locator('.ant-cascader').click();
  await center.keyboard.type('噪声');
  await center.locator('.ant-cascader-menu-item').first().click();
  await form.getByPlaceholder(/请记录来电人反映的问题/).fill('来电人反映江庄村东组有工地夜间施工，噪音很大，影响休息');
  await form.getByPlaceholder(/江庄镇江庄村东组/).fill('江庄镇江庄村东组');
  await form.getByLabel('反映人姓名').fill('李先生');
  await form.getByLabel('联系电话').fill('13900001234');
  await shot(center, 'new-case-form', { fullPage: true });
  await center.getByTestId('new-case-submit').click();
  const created = center.getByTestId('created-case');
  await expect(created).toBeVisible();
  await expect(created).toContainText(/320305-\d{8}-\d{4}/);
  await shot(center, 'new-case-created');
});
