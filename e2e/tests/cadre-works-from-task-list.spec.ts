import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';
import { confirmDialog } from '../support/journey.js';

/** Inside 江庄村第一网格, the grid-worker's grid (in the cadre's village). */
const jiangzhuangGrid1 = { lat: 34.4989, lng: 117.3713 };
const phoneOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const deskOptions = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function newPage(browser: Browser, options: typeof phoneOptions | typeof deskOptions) {
  const context = await browser.newContext({ ...options, baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/** A bearer-token caller for the steps the story does not look at. */
async function apiAs(request: APIRequestContext, username: string) {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: process.env.WANGGE_DEMO_PASSWORD ?? 'wangge-demo' } });
  expect(login.ok()).toBeTruthy();
  const { token, user } = await login.json();
  const headers = { authorization: `Bearer ${token}` };
  return {
    id: user.id as string,
    get: async (url: string) => (await request.get(url, { headers })).json(),
    post: async (url: string, data: Record<string, unknown>) => {
      const res = await request.post(url, { headers, data });
      expect(res.ok(), `${username} ${url}: ${await res.text()}`).toBeTruthy();
      return res.json();
    },
    act: async (caseId: string, action: string, body: Record<string, unknown> = {}) => {
      const current = await (await request.get(`/api/v1/cases/${caseId}`, { headers })).json();
      const res = await request.post(`/api/v1/cases/${caseId}/actions/${action}`, { headers, data: { version: current.version, ...body } });
      expect(res.status(), `${username} ${action}: ${await res.text()}`).toBe(200);
      return res.json();
    },
  };
}

test('the cadre’s 我的任务 holds his whistle check-in and the 督办单 addressed to him; he checks in and signs it on the phone', async ({ browser, request }) => {
  test.setTimeout(150_000);
  const reported = await request.post('/api/v1/cases', {
    data: { channel: 'resident_app', description: '江庄村第一网格五号楼后路灯线路老化，整排不亮', demandType: 'help', categoryCode: '0105', location: jiangzhuangGrid1, isAnonymous: true },
  });
  expect(reported.status()).toBe(201);
  const { id: caseId, number } = await reported.json();
  const community = await apiAs(request, 'community');
  const worker = await apiAs(request, 'grid-worker');
  const center = await apiAs(request, 'center');
  const cadreApi = await apiAs(request, 'cadre');
  const accepted = await community.act(caseId, 'accept');
  const grid = accepted.allowedActions.find((a: { action: string }) => a.action === 'dispatch').targets.find((x: { name: string }) => x.name === '江庄村第一网格');
  await community.act(caseId, 'dispatch', { target: { kind: 'grid', id: grid.id } });
  await worker.act(caseId, 'take');
  await worker.act(caseId, 'whistle', { grade: 'routine', reason: '线路老化需包村干部协调供电所' });
  const notice = await center.post('/api/v1/supervision-notices', { caseId, note: '请包村干部牵头，三日内协调供电所更换线路', addressedTo: [cadreApi.id] });

  const cadre = await newPage(browser, phoneOptions);
  await signIn(cadre, 'cadre');
  await cadre.goto('/m/tasks');
  const notices = cadre.getByTestId('task-group-notice');
  await expect(notices).toContainText(notice.number);
  const whistles = cadre.getByTestId('task-group-whistle');
  await expect(whistles.getByTestId('task-card').filter({ hasText: number })).toContainText('报到');
  await saveScreenshot(cadre, 'cadre-tasks-1-list', { fullPage: true });

  // 报到 on the whistle, right from the list: the duty becomes reporting progress.
  await whistles.getByTestId('task-card').filter({ hasText: number }).getByTestId('task-check-in').click();
  await expect(whistles.getByTestId('task-card').filter({ hasText: number })).toContainText('报告进展');

  // 签收 the 督办单 with a reply: it leaves the list, and the notice says who signed.
  await notices.getByTestId('task-card').filter({ hasText: notice.number }).getByTestId('task-acknowledge').click();
  await cadre.getByTestId('notice-reply').locator('textarea').fill('已签收，今日联系供电所，三日内更换线路');
  await saveScreenshot(cadre, 'cadre-tasks-2-sign');
  await cadre.getByRole('button', { name: '签收', exact: true }).last().click();
  await expect(cadre.getByText('督办单已签收')).toBeVisible();
  await expect(cadre.getByTestId('task-card').filter({ hasText: notice.number })).toHaveCount(0);
  const signed = await cadreApi.get(`/api/v1/supervision-notices/${notice.id}`);
  expect(signed).toMatchObject({ acknowledgedBy: { id: cadreApi.id }, reply: '已签收，今日联系供电所，三日内更换线路' });
});

test('a visit’s 一键上报 survives a reload; the center sets the category in the accept dialog', async ({ browser, request }) => {
  test.setTimeout(150_000);
  const cadre = await newPage(browser, phoneOptions);
  await signIn(cadre, 'cadre');
  await cadre.goto('/m/visits');
  await cadre.getByTestId('visit-item').filter({ hasText: '待走访' }).first().click();
  await expect(cadre.getByTestId('visit-household')).toBeVisible();
  await cadre.getByTestId('visit-notes').locator('textarea').fill('入户走访，了解近况');
  await cadre.getByTestId('visit-submit').click();
  await expect(cadre.getByTestId('visit-saved')).toBeVisible();

  // Reloaded (the phone slept, the page was reopened): the raise form is still there, from the server.
  await cadre.reload();
  await expect(cadre.getByTestId('visit-raise-form')).toBeVisible();
  await cadre.getByTestId('visit-case-description').locator('textarea').fill('村民反映一件需要进一步核实的事情');
  await expect(cadre.getByTestId('visit-case-category')).toContainText('未选择');
  await saveScreenshot(cadre, 'cadre-tasks-3-raise-after-reload', { fullPage: true });
  await cadre.getByTestId('visit-raise-case').click();
  const numberText = await cadre.getByTestId('visit-case-number').first().textContent();
  const number = /320305-\d{8}-\d{4}/.exec(numberText ?? '')![0];

  // The center classifies it while accepting.
  const center = await apiAs(request, 'center');
  const found = await center.get(`/api/v1/cases?q=${number}`);
  const caseId = found.items[0].id as string;
  expect(found.items[0].category).toBeNull();
  const desk = await newPage(browser, deskOptions);
  await signIn(desk, 'center');
  await desk.goto(`/console/cases/${caseId}`);
  await desk.getByTestId('action-accept').click();
  const dialog = desk.getByRole('dialog');
  // The option list slides in; a click that lands before it has settled is lost, so pick until it shows.
  await expect(async () => {
    await dialog.getByLabel('问题类型(小类)').fill('路灯');
    await desk.locator('.ant-select-item-option').filter({ hasText: '0105 路灯照明' }).click({ timeout: 3_000 });
    await expect(dialog.getByTestId('accept-category')).toContainText('0105 路灯照明', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await saveScreenshot(desk, 'cadre-tasks-4-accept-category');
  await confirmDialog(desk);
  await expect(dialog).toBeHidden();
  const detail = await center.get(`/api/v1/cases/${caseId}`);
  expect(detail).toMatchObject({ status: 'accepted', category: { code: '0105' }, visitOrigin: { householdId: expect.any(String) } });
});
