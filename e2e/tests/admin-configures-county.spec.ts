import { test, type APIRequestContext, type Page } from '@playwright/test';
import { expect, anonymousApi, apiAs, screenshotsFor, signedInPage, viewports, confirmDialog } from '../support/journey.js';

/**
 * The administrator's day in the console (1366×768): each configuration page opened and its form submitted
 * once — a user edited and deactivated, a unit edited, the roles matrix read, a category's deadline edited,
 * a deadline policy edited, a calendar day marked, whistle settings saved, notification preferences saved, a
 * webhook added, an API key created and revoked, and the audit trail filtered to one action.
 * (Creating a user is admin-creates-user.spec.ts.) The side menu is used once (its two groups open, scrolled
 * to the last entry); the pages are then opened by address.
 *
 * The county-wide settings changed here (a category's time limit, a deadline policy, a calendar day, the
 * 基础哨 window) are put back at the end, so the journeys that run after this one see the demo county as seeded.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shot = screenshotsFor('admin-configures-county');
const suffix = String(Date.now() % 100_000);
const username = `temp.${suffix}`;
const markedDay = '2026-12-30';
let admin: Page;

interface Category { code: string; nameZh: string; resolveHours: number; version: number }
interface Policy { id: string; warnFraction: number; version: number }
interface Grade { grade: string; roles: string[]; windowMinutes: number; clock: string; version: number }
interface Day { date: string; kind: string; nameZh: string; nameEn: string }
/** The county-wide settings this journey changes, as seeded: put back in afterAll. */
let before: { category: Category; policies: Policy[]; grades: Grade[]; day: Day | undefined };

type Api = Awaited<ReturnType<typeof apiAs>>;
async function readSettings(request: APIRequestContext, api: Api): Promise<typeof before> {
  const read = async <T>(url: string): Promise<T> => {
    const res = await request.get(url, { headers: api.headers });
    expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };
  const taxonomy = await read<{ groups: Array<{ categories: Category[] }> }>('/api/v1/categories');
  const category = taxonomy.groups.flatMap((g) => g.categories).find((c) => c.nameZh === '占道经营');
  expect(category, 'the demo county has 占道经营').toBeTruthy();
  const { policies } = await read<{ policies: Policy[] }>('/api/v1/deadline-policies');
  const { grades } = await read<{ grades: Grade[] }>('/api/v1/whistle-settings');
  const { days } = await read<{ days: Day[] }>(`/api/v1/calendar/days?year=${markedDay.slice(0, 4)}`);
  return { category: category!, policies, grades, day: days.find((d) => d.date === markedDay) };
}

/** The antd toast with this text. */
function toast(page: Page, text: string | RegExp) {
  return page.locator('.ant-message-notice').filter({ hasText: text }).first();
}

test.beforeAll(async ({ browser, playwright }) => {
  // A temporary account to edit and deactivate (the demo accounts are used by the other journeys).
  const request = await anonymousApi(playwright);
  const api = await apiAs(request, 'admin');
  const created = await request.post('/api/v1/users', {
    headers: api.headers,
    data: { username, displayName: `临时人员${suffix}`, role: 'grid_worker', nodeCodes: ['32030510720501'] },
  });
  expect(created.status(), await created.text()).toBe(201);
  before = await readSettings(request, api);
  await request.dispose();
  admin = await signedInPage(browser, 'admin', viewports.console);
});

test.afterAll(async ({ playwright }) => {
  await admin?.context().close();
  if (!before) return;
  const request = await anonymousApi(playwright);
  const api = await apiAs(request, 'admin');
  const now = await readSettings(request, api);
  const sent = async (res: Awaited<ReturnType<APIRequestContext['get']>>, what: string) => expect(res.ok(), `restore ${what}: ${await res.text()}`).toBe(true);
  const { headers } = api;
  if (now.category.resolveHours !== before.category.resolveHours) {
    await sent(await request.patch(`/api/v1/categories/${now.category.code}`, { headers, data: { version: now.category.version, resolveHours: before.category.resolveHours } }), '占道经营');
  }
  for (const policy of now.policies) {
    const was = before.policies.find((p) => p.id === policy.id);
    if (was && was.warnFraction !== policy.warnFraction) {
      await sent(await request.patch(`/api/v1/deadline-policies/${policy.id}`, { headers, data: { version: policy.version, warnFraction: was.warnFraction } }), 'deadline policy');
    }
  }
  for (const grade of now.grades) {
    const was = before.grades.find((g) => g.grade === grade.grade);
    if (was && was.windowMinutes !== grade.windowMinutes) {
      await sent(await request.put(`/api/v1/whistle-settings/${grade.grade}`, { headers, data: { roles: was.roles, windowMinutes: was.windowMinutes, clock: was.clock, version: grade.version } }), grade.grade);
    }
  }
  if (before.day) {
    const { kind, nameZh, nameEn } = before.day;
    await sent(await request.put(`/api/v1/calendar/days/${markedDay}`, { headers, data: { kind, nameZh, nameEn } }), markedDay);
  } else if (now.day) {
    await sent(await request.delete(`/api/v1/calendar/days/${markedDay}`, { headers }), markedDay);
  }
  expect(await readSettings(request, api), 'the county settings are back as seeded').toMatchObject({
    category: { resolveHours: before.category.resolveHours },
    policies: before.policies.map((p) => ({ id: p.id, warnFraction: p.warnFraction })),
    grades: before.grades.map((g) => ({ grade: g.grade, windowMinutes: g.windowMinutes })),
    day: before.day ? { kind: before.day.kind } : undefined,
  });
  await request.dispose();
});

test('home and the side menu', async () => {
  await expect(admin.getByTestId('console-user')).toContainText('系统管理员');
  await shot(admin, 'home');
});

test('the side menu: both admin groups open, scrolled to the last entry at 1366×768', async () => {
  const menu = admin.getByTestId('console-menu');
  await menu.getByRole('menuitem', { name: '组织与人员' }).click();
  await expect(menu.getByRole('menuitem', { name: '用户管理' })).toBeVisible();
  await menu.getByRole('menuitem', { name: '系统设置' }).click();
  await expect(menu.getByRole('menuitem', { name: /审计/ })).toBeVisible();
  const last = menu.getByRole('menuitem', { name: '通知设置' });
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await shot(admin, 'side-menu-open');
  await last.click();
  await expect(admin).toHaveURL(/\/console\/notification-settings$/);
});

test('users: edit a display name, then deactivate the account', async () => {
  await admin.goto('/console/users');
  const table = admin.getByTestId('users-table');
  await admin.getByTestId('users-search').locator('input').fill(username);
  await admin.getByTestId('users-search').locator('input').press('Enter');
  const row = table.locator('tr', { hasText: username });
  await expect(row).toBeVisible();
  await shot(admin, 'users');
  await row.getByRole('button', { name: /编辑/ }).click();
  await admin.getByTestId('user-display-name').fill(`临时人员${suffix}(已调岗)`);
  await shot(admin, 'user-edit-drawer');
  await admin.getByTestId('user-save').click();
  await expect(toast(admin, '已保存')).toBeVisible();
  await expect(row).toContainText('已调岗');

  await row.getByRole('button', { name: /更多/ }).click();
  await admin.getByRole('menuitem', { name: '停用' }).click();
  const confirm = admin.locator('.ant-modal-confirm');
  await expect(confirm).toBeVisible();
  await shot(admin, 'user-deactivate-confirm');
  await confirm.getByRole('button', { name: /确\s*定|确\s*认/ }).click();
  await expect(toast(admin, /已停用/)).toBeVisible();
  // The list shows 启用中 accounts by default: the deactivated one leaves it.
  await expect(row).toBeHidden();
  await shot(admin, 'user-deactivated');
});

test('units: edit a unit’s short name', async () => {
  await admin.goto('/console/units');
  const row = admin.locator('.ant-table-row', { hasText: 'JW-CL' });
  await expect(row).toBeVisible();
  await shot(admin, 'units');
  await row.getByRole('button', { name: /编辑/ }).click();
  const drawer = admin.getByRole('dialog');
  const short = drawer.getByLabel('简称');
  await expect(short).toHaveValue(/^区残联/);
  await short.fill(`区残联 ${suffix}`);
  await shot(admin, 'unit-edit-drawer');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(toast(admin, '已保存')).toBeVisible();
  await expect(row).toContainText(`区残联 ${suffix}`);
});

test('roles matrix', async () => {
  await admin.goto('/console/roles');
  await expect(admin.getByTestId('roles-matrix')).toContainText('网格员');
  await shot(admin, 'roles');
});

test('categories: change a category’s time limit', async () => {
  await admin.goto('/console/categories');
  const row = admin.locator('.ant-table-row', { hasText: '占道经营' }).first();
  await expect(row).toBeVisible();
  await shot(admin, 'categories');
  await row.getByRole('button', { name: /编辑/ }).click();
  const drawer = admin.getByRole('dialog');
  await expect(drawer.getByLabel('中文名称')).toHaveValue('占道经营');
  const hours = drawer.locator('.ant-form-item', { hasText: /办结时限/ }).locator('input');
  await hours.fill('96');
  await shot(admin, 'category-edit-drawer');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(toast(admin, /已保存/)).toBeVisible();
  await expect(row).toContainText('96');
});

test('deadline policies: edit one', async () => {
  await admin.goto('/console/deadline-policies');
  const row = admin.locator('.ant-table-row').first();
  await expect(row).toBeVisible();
  await shot(admin, 'deadline-policies');
  await row.getByRole('button', { name: /编辑/ }).click();
  const drawer = admin.getByRole('dialog');
  const warn = drawer.locator('.ant-form-item', { hasText: /预警/ }).locator('input');
  await warn.fill('0.7');
  await shot(admin, 'policy-edit-drawer');
  await admin.getByTestId('policy-save').click();
  await expect(toast(admin, /已保存/)).toBeVisible();
});

test('holiday calendar: mark a day as a holiday', async () => {
  await admin.goto('/console/calendar');
  const year = admin.getByTestId('calendar-year');
  await expect(year).toBeVisible();
  await shot(admin, 'calendar');
  // 2026-12-30, an ordinary Wednesday.
  await admin.getByTestId('month-12').getByText('30', { exact: true }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.locator('.ant-radio-button-wrapper', { hasText: '法定节假日' }).click();
  await dialog.getByPlaceholder('国庆节').fill('单位调休');
  await shot(admin, 'calendar-day');
  await admin.getByTestId('calendar-day-save').click();
  await expect(toast(admin, /已保存/)).toBeVisible();
  await expect(admin.getByTestId('month-12').getByText(/30\s*休/)).toBeVisible();
});

test('whistle settings: change the 基础哨 check-in window', async () => {
  await admin.goto('/console/whistle-settings');
  const settings = admin.getByTestId('whistle-settings');
  await expect(settings).toContainText('基础哨');
  await shot(admin, 'whistle-settings');
  const window = admin.getByRole('spinbutton', { name: /时限|窗口/ }).first();
  await window.fill('90');
  await admin.getByTestId('save-routine').click();
  await expect(toast(admin, '已保存')).toBeVisible();
});

test('notification settings: save my preferences', async () => {
  await admin.goto('/console/notification-settings');
  const prefs = admin.getByTestId('notification-prefs');
  await expect(prefs).toBeVisible();
  await shot(admin, 'notification-settings');
  await prefs.locator('.ant-checkbox-wrapper').first().click();
  await admin.getByTestId('notification-prefs-save').click();
  await expect(toast(admin, '通知设置已保存')).toBeVisible();
});

test('webhooks: add a subscription', async () => {
  await admin.goto('/console/webhooks');
  await admin.getByTestId('webhook-create').click();
  const dialog = admin.getByRole('dialog');
  await admin.getByTestId('webhook-name').fill(`区 12345 平台 ${suffix}`);
  await admin.getByTestId('webhook-url').fill('https://203.0.113.10/hooks/wangge');
  await dialog.locator('.ant-form-item', { hasText: '事件类型' }).locator('.ant-select').click();
  await admin.locator('.ant-select-item-option').first().click();
  await admin.keyboard.press('Escape');
  await shot(admin, 'webhook-form');
  await confirmDialog(admin);
  // The signing secret is shown once.
  await expect(admin.getByTestId('webhook-secret')).toBeVisible();
  await shot(admin, 'webhook-secret');
  await admin.getByRole('dialog').locator('.ant-modal-footer .ant-btn-primary, .ant-modal-body .ant-btn-primary').last().click();
  await expect(admin.locator('.ant-table-row', { hasText: `区 12345 平台 ${suffix}` })).toBeVisible();
  await shot(admin, 'webhooks');
});

test('API keys: create one for the hotline, then revoke it', async () => {
  await admin.goto('/console/api-keys');
  await admin.getByTestId('api-key-create').click();
  const name = `12345 热线导入 ${suffix}`;
  await admin.getByTestId('api-key-name').fill(name);
  await admin.getByTestId('api-key-nodes').click();
  await admin.locator('.ant-select-tree-treenode', { hasText: /^贾汪区$/ }).locator('.ant-select-tree-switcher').click();
  await admin.locator('.ant-select-tree-title', { hasText: /^江庄镇$/ }).first().click();
  await admin.keyboard.press('Escape');
  await shot(admin, 'api-key-form');
  await admin.getByRole('dialog').locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(admin.getByTestId('api-key-secret')).toContainText(/wgk_/);
  await shot(admin, 'api-key-secret');
  await admin.getByTestId('api-key-done').click();
  const row = admin.locator('.ant-table-row', { hasText: name });
  await expect(row).toContainText('有效');
  await row.getByRole('button', { name: /吊\s*销/ }).click();
  await admin.locator('.ant-popconfirm').getByRole('button', { name: /吊\s*销/ }).click();
  await expect(row).toContainText('已吊销');
  await shot(admin, 'api-keys');
});

test('audit trail: filter to API-key revocations', async () => {
  await admin.goto('/console/audit');
  await expect(admin.locator('.ant-table-row').first()).toBeVisible();
  // The objects are named in words (节假日, 时限策略), not by their internal type (holiday, deadline_policy).
  await expect(admin.locator('.ant-table-row', { hasText: '设置节假日' }).first()).toContainText(/节假日\s*2026-12-30/);
  await expect(admin.locator('.ant-table-row', { hasText: '修改时限策略' }).first()).toContainText('时限策略');
  await shot(admin, 'audit');
  await admin.getByLabel('操作', { exact: true }).fill('apikey.revoke');
  await admin.keyboard.press('Escape');
  await admin.getByRole('button', { name: /查\s*询/ }).click();
  const rows = admin.locator('.ant-table-row');
  await expect(rows.first()).toContainText('吊销 API 密钥');
  await shot(admin, 'audit-filtered');
});
