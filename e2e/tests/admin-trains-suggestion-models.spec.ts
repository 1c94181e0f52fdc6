import { test } from '@playwright/test';
import { anonymousApi, apiAs, confirmDialog, expect, residentReports, screenshotsFor, signedInPage, viewports } from '../support/journey.js';

/**
 * 智能分拨: the administrator reads the models the demo trained on its year of closed cases, trains a new
 * candidate, reads its evaluation, switches it on and rolls back; a community worker adopts a suggested
 * category for a report that came without one.
 */
const shot = screenshotsFor('admin-trains-suggestion-models');

test('the administrator trains a candidate, reads its evaluation, switches it on and rolls back', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await signedInPage(browser, 'admin', viewports.console);
  await admin.goto('/console/classification');
  await expect(admin.getByRole('heading', { name: '智能分拨模型' }).or(admin.getByText('智能分拨模型').first())).toBeVisible();
  // The demo trained and switched on the first models on its closed cases.
  await expect(admin.getByTestId('active-category')).toContainText('v1');
  await expect(admin.getByTestId('active-unit')).toContainText('v1');
  await shot(admin, 'models');

  await admin.getByTestId('view-category-v1').click();
  const drawer = admin.getByRole('dialog');
  await expect(drawer.getByText('各类别的查准率与查全率')).toBeVisible();
  await expect(drawer.locator('.ant-table-row').first()).toBeVisible();
  await expect(drawer.getByTestId('confusion-matrix').locator('canvas')).toBeVisible();
  await shot(admin, 'evaluation');
  await drawer.locator('.ant-drawer-close').click();

  await admin.getByTestId('train-models').click();
  await expect(admin.getByTestId('view-category-v2')).toBeVisible({ timeout: 60_000 });
  await admin.getByTestId('activate-category-v2').click();
  await admin.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(admin.getByTestId('active-category')).toContainText('v2');
  await shot(admin, 'switched-on');

  await admin.getByRole('button', { name: '回退到上一版本' }).first().click();
  await expect(admin.getByTestId('active-category')).toContainText('v1');

  const threshold = admin.locator('input[data-testid="apply-threshold"], [data-testid="apply-threshold"] input').first();
  await threshold.fill('65');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByText('已保存门槛：65%')).toBeVisible();
  await threshold.fill('60');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByText('已保存门槛：60%')).toBeVisible();
});

test('a report without a category waits in triage with the top three; the village accepts it with the suggested one', async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  // The resident reports on a context of its own: a staff sign-in leaves a cookie that would need a CSRF token.
  const resident = await anonymousApi(playwright);
  const api = await anonymousApi(playwright);
  const admin = await apiAs(api, 'admin');
  // Everything to triage for this report: the threshold at 100 %.
  const settings = await (await api.get('/api/v1/classification/settings', { headers: admin.headers })).json();
  expect((await api.put('/api/v1/classification/settings', { headers: admin.headers, data: { applyThreshold: 1, version: settings.version } })).status()).toBe(200);
  const report = await residentReports(resident, '江庄村第一网格三号楼门前的路灯坏了好几天，晚上一片漆黑，老人出门不安全');
  const after = await (await api.get('/api/v1/classification/settings', { headers: admin.headers })).json();
  await api.put('/api/v1/classification/settings', { headers: admin.headers, data: { applyThreshold: 0.6, version: after.version } });

  const community = await signedInPage(browser, 'community', viewports.console);
  await community.goto(`/console/cases/${report.id}`);
  await expect(community.getByText('未分类').or(community.getByText('待分类')).first()).toBeVisible();
  const panel = community.getByTestId('suggestion-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByText('推荐小类')).toBeVisible();
  await expect(panel.getByText('路灯照明')).toBeVisible();
  await shot(community, 'triage-suggestion');
  await panel.getByTestId('adopt-0105').click();
  const dialog = community.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('accept-category')).toContainText('路灯照明');
  await confirmDialog(community);
  await expect(dialog).toBeHidden();
  await expect(community.getByText('路灯照明（0105）')).toBeVisible();
  await shot(community, 'accepted-with-suggestion');

  // Where to send it: the route model's best target, filled into the dispatch dialog.
  await panel.locator('[data-testid^="route-"]').first().click();
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.ant-select').first()).toContainText('江庄村第一网格');
  await confirmDialog(community);
  await expect(dialog).toBeHidden();
  await expect(community.getByText('已派单').first()).toBeVisible();
});
