import { test, type Page } from '@playwright/test';
import { apiAs, expect, jiangzhuangGrid1, openContext, residentReports, screenshotsFor, signedInPage, viewports, type CaseBody } from '../support/journey.js';

/**
 * 附议 and merging (docs/duplicates.md): a resident starts a report next to an open case about the same
 * problem, is shown it on the form, follows it instead (signing in on the way); staff see the next
 * duplicate flagged in the inbox and on its page, with the reasons, and merge it with one action — its
 * reporter then follows the surviving case too.
 */
const shot = screenshotsFor('resident-follows-existing-case');
const residentPhone = '13700005501';
/** About 30 m north of the resident's phone position (the journey's geolocation). */
const nearby = { lat: jiangzhuangGrid1.lat + 30 / 111_320, lng: jiangzhuangGrid1.lng };

test.describe.configure({ mode: 'serial' });
// Two cores shared with other work: a step here (sign-in, a report, a page of cases) can take well over 30 s.
test.setTimeout(120_000);

let original: CaseBody;
let duplicate: CaseBody;
let resident: Page;
let staff: Page;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  original = await residentReports(request, '小游园东门的井盖丢了一个，晚上路过很危险', { location: nearby, phone: '13700005502' });
  await request.dispose();
});

test('the resident starts a report and is shown the open case nearby', async ({ browser }) => {
  resident = await (await openContext(browser, viewports.cadrePhone)).newPage();
  await resident.goto('/r/report');
  await resident.getByTestId('report-description').locator('textarea:not([readonly])').fill('小游园东门井盖没了，有个大坑');
  await resident.getByRole('button', { name: /使用我的当前位置/ }).click();
  await expect(resident.getByTestId('location-field')).toContainText('江庄村第一网格');
  const similar = resident.getByTestId('similar-cases');
  await expect(similar).toContainText('附近已有相似问题');
  const card = similar.getByTestId('similar-case').filter({ hasText: original.number });
  await expect(card).toBeVisible();
  // Non-personal facts only: the number, a short description, how far and how long ago.
  await expect(card).toContainText('约 30 米');
  await expect(card).toContainText('0 人附议');
  await expect(resident.locator('body')).not.toContainText('13700005502');
  await similar.scrollIntoViewIfNeeded();
  await shot(resident, 'report-form-similar', { fullPage: true });
});

test('「附议」 asks to sign in first, then follows the case; 我的诉求 lists it', async ({ request }) => {
  const card = resident.getByTestId('similar-case').filter({ hasText: original.number });
  await card.getByTestId('similar-follow').click();
  await expect(resident).toHaveURL(/\/r\/login/);
  await resident.getByTestId('resident-phone').locator('input').fill(residentPhone);
  await resident.getByTestId('resident-get-code').click();
  await expect(resident.getByTestId('resident-get-code')).toContainText('秒后重发');
  const { code } = (await (await request.get(`/api/v1/dev/last-otp?phone=${residentPhone}`)).json()) as { code: string };
  await resident.getByTestId('resident-code').locator('input').fill(code);
  await resident.getByTestId('resident-sign-in').click();
  await expect(resident).toHaveURL(/\/r\/cases$/);
  const followed = resident.getByTestId('followed-cases').getByTestId('followed-case').filter({ hasText: original.number });
  await expect(followed).toBeVisible();
  await expect(followed).toContainText('1 人附议');
  await expect(followed).toContainText('我附议的');
  await followed.scrollIntoViewIfNeeded();
  await shot(resident, 'my-cases-followed', { fullPage: true });
  // Back on the form, the same card now says so: the resident is signed in and follows it.
  await resident.goto('/r/report');
  await resident.getByTestId('report-description').locator('textarea:not([readonly])').fill('小游园东门井盖没了，有个大坑');
  await resident.getByRole('button', { name: /使用我的当前位置/ }).click();
  await expect(resident.getByTestId('similar-case').filter({ hasText: original.number })).toContainText('1 人附议');
});

test('staff see the next duplicate flagged in the inbox and on its page, with the reasons', async ({ browser, playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  duplicate = await residentReports(request, '小游园东门井盖丢失，请尽快处理', { location: { lat: nearby.lat + 10 / 111_320, lng: nearby.lng }, phone: '13700005503' });
  await request.dispose();
  staff = await signedInPage(browser, 'community', viewports.console);
  // The inbox filtered to new reports (as a link or a saved view would): both cases are there.
  await staff.goto(`/console/cases?filters=${encodeURIComponent(JSON.stringify({ status: ['reported'] }))}`);
  const row = staff.getByTestId('inbox-table').locator('tr', { hasText: duplicate.number });
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row.getByTestId('duplicate-badge')).toBeVisible({ timeout: 60_000 });
  await shot(staff, 'inbox-badge');

  await staff.goto(`/console/cases/${duplicate.id}`);
  const panel = staff.getByTestId('duplicates-panel');
  const candidate = panel.getByTestId('duplicate-candidate').filter({ hasText: original.number });
  await expect(candidate).toContainText('疑似重复');
  await expect(candidate).toContainText('距离 10 米');
  await expect(candidate).toContainText('共同词');
  await expect(candidate).toContainText('1 人附议');
  await panel.scrollIntoViewIfNeeded();
  await shot(staff, 'case-page-duplicates', { fullPage: true });
});

test('one action merges it; its reporter follows the surviving case', async () => {
  const candidate = staff.getByTestId('duplicates-panel').getByTestId('duplicate-candidate').filter({ hasText: original.number });
  await candidate.getByTestId('duplicate-merge').click();
  const dialog = staff.getByRole('dialog');
  await expect(dialog).toContainText(`把本案合并到 ${original.number}`);
  await shot(staff, 'merge-confirm');
  await dialog.getByTestId('duplicate-merge-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(staff.getByTestId('case-detail')).toContainText('已合并');
  await staff.goto(`/console/cases/${original.id}`);
  const followers = staff.getByTestId('followers-panel');
  await expect(followers.getByTestId('follower-count')).toHaveText('2 人附议');
  await expect(followers).toContainText(`合并自 ${duplicate.number}`);
  await followers.scrollIntoViewIfNeeded();
  await shot(staff, 'survivor-followers', { fullPage: true });
});

test('the admin sets the rules on their own page', async ({ browser, request }) => {
  const admin = await signedInPage(browser, 'admin', viewports.console);
  await admin.goto('/console/duplicate-rules');
  await expect(admin.getByTestId('duplicate-rules')).toContainText('全县默认');
  await expect(admin.getByRole('spinbutton', { name: '半径（米）' }).first()).toHaveValue('250');
  await shot(admin, 'rules-page');
  // The county default stays as it was: the rules page only read.
  const api = await apiAs(request, 'admin');
  const rules = await (await request.get('/api/v1/duplicates/rules', { headers: api.headers })).json();
  expect(rules.county).toEqual({ radiusM: 250, windowDays: 30 });
});

test('the console new-case form shows the same hint once a point is picked', async ({ browser, playwright }) => {
  const page = await signedInPage(browser, 'community', viewports.console);
  await page.goto('/console/cases/new');
  await page.getByText('地图选点').click();
  // The caller's place: a click in the middle of 江庄村's map.
  const map = page.locator('.leaflet-container');
  await map.scrollIntoViewIfNeeded();
  await map.click();
  const picked = (await page.getByText(/已选坐标：/).textContent()) ?? '';
  const [lat, lng] = (picked.match(/-?\d+\.\d+/g) ?? []).map(Number);
  expect(lat && lng, picked).toBeTruthy();
  // A resident reported the same problem there an hour ago.
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const there = await residentReports(request, '村委会门口的路灯坏了，晚上很黑', { location: { lat: lat! + 15 / 111_320, lng: lng! }, phone: '13700005504' });
  await request.dispose();
  await page.getByLabel('问题描述').fill('村委会门口路灯不亮，晚上黑乎乎的');
  const hint = page.getByTestId('similar-hint');
  await expect(hint).toContainText('附近已有相似案件');
  await expect(hint).toContainText(there.number);
  await expect(hint).toContainText('距离 15 米');
  await shot(page, 'new-case-hint', { fullPage: true });
});
