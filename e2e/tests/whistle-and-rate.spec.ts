import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';
import { confirmDialog } from '../support/journey.js';

/** Inside 江庄村第一网格, the grid-worker's grid. */
const jiangzhuangGrid1 = { lat: 34.4989, lng: 117.3713 };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };

async function newPage(browser: Browser, options: typeof phone | typeof desk): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: test.info().project.use.baseURL, timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

/** A bearer-token caller for the steps this story does not look at (accepting, dispatching, the cadre's report). */
async function apiAs(request: APIRequestContext, username: string) {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: process.env.WANGGE_DEMO_PASSWORD ?? 'wangge-demo' } });
  expect(login.ok()).toBeTruthy();
  const headers = { authorization: `Bearer ${(await login.json()).token}` };
  return async (caseId: string, action: string, body: Record<string, unknown> = {}) => {
    const current = await (await request.get(`/api/v1/cases/${caseId}`, { headers })).json();
    const res = await request.post(`/api/v1/cases/${caseId}/actions/${action}`, { headers, data: { version: current.version, ...body } });
    expect(res.status(), `${username} ${action}: ${await res.text()}`).toBe(200);
    return res.json();
  };
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

test('a grid worker blows a routine whistle, the community checks in and reports completion, the case closes, and the reporter rates it', async ({ browser, request }) => {
  test.setTimeout(180_000);

  // A resident's report in the grid worker's grid, accepted, dispatched and taken (through the API).
  const reported = await request.post('/api/v1/cases', {
    data: {
      channel: 'resident_app',
      description: '江庄村第一网格三号楼前路灯整排不亮，线路疑似老化',
      demandType: 'help',
      categoryCode: '0105',
      location: jiangzhuangGrid1,
      reporter: { name: '王秀英', phone: '13800010137' },
    },
  });
  expect(reported.status()).toBe(201);
  const { id: caseId, number, trackingCode } = await reported.json();
  const asCommunity = await apiAs(request, 'community');
  const asWorker = await apiAs(request, 'grid-worker');
  const asCadre = await apiAs(request, 'cadre');
  const detail = await asCommunity(caseId, 'accept');
  const grid = detail.allowedActions.find((a: { action: string }) => a.action === 'dispatch').targets.find((x: { name: string }) => x.name === '江庄村第一网格');
  await asCommunity(caseId, 'dispatch', { target: { kind: 'grid', id: grid.id } });
  await asWorker(caseId, 'take');

  // 1. The grid worker blows a routine whistle (基础哨) on the phone.
  const worker = await newPage(browser, phone);
  await signIn(worker, 'grid-worker');
  await worker.goto(`/m/cases/${caseId}`);
  await worker.getByTestId('case-actions').getByRole('button', { name: '吹哨' }).click();
  const sheet = worker.getByTestId('action-whistle');
  await expect(sheet.getByText('基础哨')).toBeVisible();
  await sheet.getByRole('textbox').fill('线路老化需村委和包村干部协调供电所更换');
  await saveScreenshot(worker, 'whistle-and-rate-1-whistle-phone');
  await worker.getByTestId('action-confirm').click();
  await expect(worker.getByText('吹哨').first()).toBeVisible();

  // 2. The community (the village committee) checks in and reports completion in the console.
  const community = await newPage(browser, desk);
  await signIn(community, 'community');
  await consoleAction(community, caseId, 'check-in');
  await expect(community.getByTestId('case-loop')).toContainText('已报到');
  await asCadre(caseId, 'report-progress', { note: '已联系供电所，今日更换线路', completed: true });
  await consoleAction(community, caseId, 'report-progress', async (page) => {
    await page.getByRole('dialog').getByRole('textbox').first().fill('村委已配合供电所完成线路更换');
    await page.getByRole('dialog').getByRole('switch').click();
  });
  await expect(community.getByTestId('case-loop').getByTestId('party-completed')).toHaveCount(2);
  await saveScreenshot(community, 'whistle-and-rate-2-parties-completed', { fullPage: true });

  // 3. The grid worker reports the result; the community verifies and closes it.
  await asWorker(caseId, 'handle', { result: '供电所已更换线路，整排路灯恢复' });
  await consoleAction(community, caseId, 'close');
  await expect(community.getByTestId('case-detail')).toContainText('已结案');

  // 4. The reporter rates it on the tracking page (the SMS link carries number and code).
  const resident = await newPage(browser, phone);
  await resident.goto(`/r/track?number=${number}&code=${trackingCode}`);
  await expect(resident.getByTestId('tracked-case')).toContainText('已结案');
  await resident.getByTestId('rate-satisfied').click();
  await resident.getByTestId('rate-comment').locator('textarea:visible').fill('修得很快，谢谢');
  await saveScreenshot(resident, 'whistle-and-rate-3-rating', { fullPage: true });
  await resident.getByTestId('rate-submit').click();
  await expect(resident.getByTestId('rating-given')).toContainText('满意');
  await saveScreenshot(resident, 'whistle-and-rate-4-rated');

  // The console shows the rating with the case.
  await community.goto(`/console/cases/${caseId}`);
  await expect(community.getByTestId('case-loop')).toContainText('修得很快');
  await saveScreenshot(community, 'whistle-and-rate-5-console', { fullPage: true });
});
