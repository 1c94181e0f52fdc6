import { test, type Page } from '@playwright/test';
import { expect, anonymousApi, openMenu, residentReports, screenshotsFor, signedInPage, viewports, confirmDialog } from '../support/journey.js';

/**
 * The county leader's day in the console (1366×768): the home board, the case list narrowed by status and
 * 超期, one case, the 督办单 list, a 催办 and a 督办 by hand on a case waiting too long, the map and the two
 * coverage reports. The home board is also looked at on a 1920×1080 screen.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shot = screenshotsFor('leader-reviews-county-day');
let leader: Page;
let caseId: string;
let caseNumber: string;

test.beforeAll(async ({ browser, playwright }) => {
  const request = await anonymousApi(playwright);
  const reported = await residentReports(request, '江庄村第一网格东侧排水沟堵塞，雨后积水没过脚踝，已经两天没人处理');
  caseId = reported.id;
  caseNumber = reported.number;
  leader = await signedInPage(browser, 'leader', viewports.console);
});

test.afterAll(async () => {
  await leader?.context().close();
});

test('home: the three boards — waiting for me, due soon, overdue', async () => {
  await expect(leader.getByTestId('home-due-soon')).toBeVisible();
  await expect(leader.getByTestId('home-overdue')).toContainText(/320305-\d{8}-\d{4}/);
  await expect(leader.getByTestId('console-user')).toContainText('张伟');
  await shot(leader, 'home');
});

test('home on a 1920×1080 screen', async ({ browser }) => {
  const wide = await signedInPage(browser, 'leader', viewports.wideConsole);
  await expect(wide.getByTestId('home-overdue')).toContainText(/320305-/);
  await shot(wide, 'home-1920');
  await wide.context().close();
});

test('case list: narrowed to 上报 and to overdue cases, then reset', async () => {
  await openMenu(leader, '案件');
  const table = leader.getByTestId('inbox-table');
  await expect(table).toContainText(caseNumber);
  await shot(leader, 'inbox');

  // Status 上报 only.
  await leader.locator('.wg-inbox-filters .ant-select', { hasText: '状态' }).first().click();
  await leader.locator('.ant-select-item-option', { hasText: /^上报$/ }).click();
  await leader.keyboard.press('Escape');
  await expect(leader).toHaveURL(/filters=.*reported/);
  await expect(table).toContainText(caseNumber);
  await expect(table.locator('tbody')).not.toContainText('已结案');
  await shot(leader, 'inbox-filter-reported');

  // Overdue only, any status.
  await leader.getByRole('button', { name: '清空筛选' }).click();
  await expect(leader).not.toHaveURL(/filters=/);
  await leader.getByText('只看超期').click();
  await expect(leader).toHaveURL(/overdue/);
  await expect(table.locator('tbody tr.ant-table-row').first()).toContainText('超期');
  await shot(leader, 'inbox-filter-overdue');

  await leader.getByRole('button', { name: '清空筛选' }).click();
  await expect(leader).not.toHaveURL(/filters=/);
});

test('case detail: facts, map, timeline; 催办 with a note', async () => {
  await leader.getByTestId('inbox-search').locator('input').fill(caseNumber);
  await leader.getByTestId('inbox-search').locator('input').press('Enter');
  await expect(leader).toHaveURL(new RegExp(`/console/cases/${caseId}$`));
  const detail = leader.getByTestId('case-detail');
  await expect(detail).toContainText(caseNumber);
  await expect(detail).toContainText('排水沟堵塞');
  await shot(leader, 'case-detail');

  await leader.getByTestId('action-urge').click();
  const dialog = leader.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox').first().fill('群众反映两天无人处理，请镇村两级今天内受理并回复');
  await shot(leader, 'urge-dialog');
  await confirmDialog(leader);
  await expect(dialog).toBeHidden();
  await expect(detail).toContainText('催办');
  await shot(leader, 'case-urged', { fullPage: true });
});

test('督办 by hand from the case: the notice appears on the case and in the 督办单 list', async () => {
  const panel = leader.getByTestId('case-notices');
  await panel.getByRole('button', { name: /^督\s*办$/ }).click();
  const dialog = leader.getByRole('dialog');
  await dialog.getByRole('textbox').fill('请江庄镇今日内组织清淤，明日上午报送结果');
  await shot(leader, 'notice-issue-dialog');
  await confirmDialog(leader);
  await expect(dialog).toBeHidden();
  await expect(panel).toContainText(/DB-320305-\d{8}-\d{4}/);

  await openMenu(leader, '督办单');
  await expect(leader).toHaveURL(/\/console\/supervision/);
  const rows = leader.locator('.ant-table-row');
  await expect(rows.filter({ hasText: caseNumber }).first()).toBeVisible();
  await shot(leader, 'supervision-list');
  await leader.getByTestId('filter-unacknowledged').click();
  await expect(rows.filter({ hasText: caseNumber }).first()).toBeVisible();
  await shot(leader, 'supervision-unacknowledged');
});

test('map of the county: the grid shapes are drawn', async () => {
  await openMenu(leader, '地图');
  const map = leader.locator('.leaflet-container');
  await expect(map).toBeVisible();
  // Grid shapes (SVG paths or a canvas) are drawn, and the header counts the grids.
  await expect(map.locator('.leaflet-pane svg path, .leaflet-pane canvas').first()).toBeVisible();
  await expect(leader.getByText(/\d+ 个网格/)).toBeVisible();
  await shot(leader, 'map');
});

test('coverage: 包联覆盖 by town, 走访覆盖率', async () => {
  await openMenu(leader, '包联覆盖');
  await expect(leader.getByTestId('coverage-towns')).toBeVisible();
  await shot(leader, 'assignment-coverage');
  await openMenu(leader, '走访覆盖率');
  await expect(leader.getByTestId('coverage-rate')).toBeVisible();
  await expect(leader.getByTestId('coverage-children')).toContainText('江庄镇');
  await shot(leader, 'visit-coverage');
});
