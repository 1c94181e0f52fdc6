import { test, type Page } from '@playwright/test';
import { expect, anonymousApi, apiAs, residentReports, screenshotsFor, signedInPage, viewports } from '../support/journey.js';

/**
 * The sent-down cadre's (下沉干部, `cadre`) day on a small phone (375×667), beside cadre-visits-households
 * (which records a visit and raises a case from it): the task list, today's visit list and one household's
 * page, a case the town sent to the village taken and handled, and the notifications.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shot = screenshotsFor('cadre-works-visit-day-on-phone');
let cadre: Page;
let caseId: string;

test.beforeAll(async ({ browser, playwright }) => {
  // A resident's report the town center accepts and sends to 江庄村, one of the cadre's villages.
  const request = await anonymousApi(playwright);
  const reported = await residentReports(request, '江庄村第一网格独居老人家里水管冻裂，屋里漏水', { categoryCode: '0403' });
  caseId = reported.id;
  const center = await apiAs(request, 'center');
  await center.act(caseId, 'accept');
  const village = await center.target(caseId, '江庄村');
  await center.act(caseId, 'dispatch', { target: { kind: village.kind, id: village.id } });
  await request.dispose();
  cadre = await signedInPage(browser, 'cadre', viewports.cadrePhone);
});

test.afterAll(async () => {
  await cadre?.context().close();
});

test('task list', async () => {
  await expect(cadre).toHaveURL(/\/m\/(tasks|visits)/);
  await cadre.goto('/m/tasks');
  await expect(cadre.getByTestId('task-list')).toBeVisible();
  await expect(cadre.getByText('正在加载…')).toHaveCount(0);
  await shot(cadre, 'tasks');
});

test('today’s visits and one household', async () => {
  await cadre.locator('.adm-tab-bar-item', { hasText: '走访' }).click();
  await expect(cadre.getByTestId('visit-item').first()).toBeVisible();
  await shot(cadre, 'visits');
  await cadre.getByTestId('visit-item').first().click();
  await expect(cadre.getByTestId('visit-household')).toBeVisible();
  await shot(cadre, 'household', { fullPage: true });
});

test('the village’s case: take it and report the result', async () => {
  await cadre.goto(`/m/cases/${caseId}`);
  const facts = cadre.getByTestId('case-facts');
  await expect(facts).toContainText('已派单');
  await shot(cadre, 'case-dispatched');
  await cadre.getByTestId('case-actions').getByRole('button', { name: '接单' }).click();
  await cadre.getByTestId('action-confirm').click();
  await expect(facts).toContainText('处置中');
  await cadre.getByTestId('case-actions').getByRole('button', { name: /处置/ }).click();
  await cadre.getByTestId('action-handle').getByRole('textbox').fill('已联系水电工关阀换管，屋内积水已清理');
  await shot(cadre, 'handle-sheet');
  await cadre.getByTestId('action-confirm').click();
  await expect(facts).toContainText('处置完毕');
  await shot(cadre, 'case-handled', { fullPage: true });
});

test('notifications', async () => {
  await cadre.locator('.adm-tab-bar-item', { hasText: '通知' }).click();
  await expect(cadre.getByTestId('mobile-notifications')).toBeVisible();
  await shot(cadre, 'notifications');
});
