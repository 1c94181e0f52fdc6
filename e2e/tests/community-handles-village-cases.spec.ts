import { test, type Page } from '@playwright/test';
import { expect, anonymousApi, apiAs, openMenu, photo, residentReports, screenshotsFor, signedInPage, viewports, confirmDialog } from '../support/journey.js';

/**
 * The village committee's (江庄村, `community`) day in the console (1366×768): the home board and inbox, a
 * case the town sent to the village taken and handled with a note and a photo, the household ledger with one
 * household edited in its drawer, and the 包联 and 值班 pages.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shot = screenshotsFor('community-handles-village-cases');
let community: Page;
let caseId: string;
let caseNumber: string;
const householdAddress = '江庄村安置小区 1栋 1单元 301';

test.beforeAll(async ({ browser, playwright }) => {
  // A resident's report, accepted by the town center and sent down to the village (through the API).
  const request = await anonymousApi(playwright);
  const reported = await residentReports(request, '江庄村第一网格小广场健身器材螺丝松动，老人锻炼时晃得厉害', { categoryCode: '0403' });
  caseId = reported.id;
  caseNumber = reported.number;
  const center = await apiAs(request, 'center');
  await center.act(caseId, 'accept');
  const village = await center.target(caseId, '江庄村');
  await center.act(caseId, 'dispatch', { target: { kind: village.kind, id: village.id } });
  await request.dispose();
  community = await signedInPage(browser, 'community', viewports.console);
});

test.afterAll(async () => {
  await community?.context().close();
});

test('home and inbox: the case sent to the village is there, 已派单', async () => {
  await expect(community.getByTestId('home-waiting')).toBeVisible();
  await shot(community, 'home');
  await openMenu(community, '案件');
  const row = community.getByTestId('inbox-table').locator('tr', { hasText: caseNumber });
  await expect(row).toContainText('已派单');
  await shot(community, 'inbox');
  await row.getByRole('link', { name: caseNumber }).click();
  await expect(community.getByTestId('case-detail')).toContainText('健身器材');
  await shot(community, 'case-dispatched');
});

test('take the case (接单)', async () => {
  await community.getByTestId('action-take').click();
  const dialog = community.getByRole('dialog');
  await dialog.getByRole('textbox').first().fill('村委接单，联系维修师傅');
  await confirmDialog(community);
  await expect(dialog).toBeHidden();
  await expect(community.getByTestId('case-detail')).toContainText('处置中');
});

test('handle it with a result note and a photo (处置反馈)', async () => {
  await community.getByTestId('action-handle').click();
  const dialog = community.getByRole('dialog');
  await dialog.getByRole('textbox').first().fill('已紧固全部健身器材螺丝并做了晃动测试');
  await dialog.locator('input[type=file]').setInputFiles(await photo({ r: 200, g: 160, b: 60 }));
  await expect(dialog.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').first()).toBeVisible();
  await expect(dialog.locator('.ant-upload-list-item-error')).toHaveCount(0);
  await shot(community, 'handle-dialog');
  await confirmDialog(community);
  await expect(dialog).toBeHidden();
  const detail = community.getByTestId('case-detail');
  await expect(detail).toContainText('处置完毕');
  await expect(detail.locator('.ant-image').first()).toBeVisible();
  await shot(community, 'case-handled', { fullPage: true });
});

test('household ledger: the list, one household opened in its drawer', async () => {
  await openMenu(community, '户籍台账');
  const rows = community.locator('.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await shot(community, 'households');
  await rows.filter({ hasText: householdAddress }).first().click();
  const drawer = community.getByRole('dialog');
  await expect(drawer).toContainText('户信息');
  await expect(drawer.getByLabel('地址', { exact: true })).toHaveValue('江庄村安置小区');
  await shot(community, 'household-drawer');
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();
});

test('household ledger: tag the household 低保 and save, its members kept', async () => {
  // Saving an existing household used to answer 400 "members.0.name: 请填写姓名": the drawer dropped the
  // members' ids, so the server took every member for a new one without a name.
  await community.locator('.ant-table-row', { hasText: householdAddress }).first().click();
  const drawer = community.getByRole('dialog');
  await expect(drawer.getByLabel('地址', { exact: true })).toHaveValue('江庄村安置小区');
  const members = drawer.locator('.wg-household-member');
  await expect(members.first()).toBeVisible();
  const memberCount = await members.count();
  const firstName = await members.first().locator('input[id$="_name"]').getAttribute('placeholder');
  expect(firstName, 'the first member shows a masked name').toMatch(/\*/);
  await drawer.locator('.ant-form-item', { hasText: '户标签' }).locator('.ant-select').click();
  await community.locator('.ant-select-item-option', { hasText: '低保' }).click();
  await community.keyboard.press('Escape');
  await community.getByTestId('household-save').click();
  await expect(community.locator('.ant-message-notice').filter({ hasText: '已保存' }).first()).toBeVisible();
  await expect(community.locator('.ant-table-row', { hasText: householdAddress }).first()).toContainText('低保');
  await shot(community, 'household-saved');
  // The same members, not new ones: the count and the first member's (masked) name are unchanged.
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();
  await community.locator('.ant-table-row', { hasText: householdAddress }).first().click();
  await expect(members.first()).toBeVisible();
  await expect(members).toHaveCount(memberCount);
  await expect(members.first().locator('input[id$="_name"]')).toHaveAttribute('placeholder', firstName!);
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();
});

test('包联管理, 包联覆盖 and 值班表', async () => {
  await openMenu(community, '包联管理');
  await expect(community.getByTestId('village-ladder')).toBeVisible();
  await shot(community, 'assignments');
  await openMenu(community, '包联覆盖');
  await expect(community.getByTestId('coverage-towns')).toBeVisible();
  await shot(community, 'assignment-coverage');
  await openMenu(community, '值班表');
  await expect(community.getByTestId('duty-week')).toBeVisible();
  await shot(community, 'duty');
});
