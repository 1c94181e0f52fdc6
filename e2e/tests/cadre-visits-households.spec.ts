import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';

test('a cadre opens today’s visit list on the phone, records a visit, raises a case from it; the coverage report shows the change', async ({ browser }) => {
  test.setTimeout(150_000);
  const baseURL = test.info().project.use.baseURL;

  // 1. The console's 走访覆盖率 for the center (江庄镇) before the visit.
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL });
  const center = await desk.newPage();
  await signIn(center, 'center');
  await center.goto('/console/visit-coverage');
  const visited = center.getByTestId('coverage-visited').locator('.ant-statistic-content-value');
  await expect(visited).toHaveText(/\d/);
  const before = Number((await visited.textContent())!.replace(/\D/g, ''));

  // 2. The cadre's phone: 今日走访 (or the next planned day's list on a day off), tagged households first.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL });
  const cadre = await phone.newPage();
  await signIn(cadre, 'cadre');
  await cadre.goto('/m/visits');
  const items = cadre.getByTestId('visit-item');
  await expect(items.first()).toBeVisible();
  await saveScreenshot(cadre, 'cadre-visits-1-today');

  // 3. Open the first household still to visit, record the visit (民情日记).
  await cadre.getByTestId('visit-item').filter({ hasText: '待走访' }).first().click();
  await expect(cadre.getByTestId('visit-household')).toBeVisible();
  await cadre.getByTestId('visit-notes').locator('textarea').fill('入户走访，老人身体尚好，反映楼道灯不亮');
  await cadre.getByTestId('visit-raised').locator('textarea').fill('楼道灯坏了一周，晚上上下楼不安全');
  await saveScreenshot(cadre, 'cadre-visits-2-form', { fullPage: true });
  await cadre.getByTestId('visit-submit').click();
  await expect(cadre.getByTestId('visit-saved')).toBeVisible();

  // 4. 发现问题，一键上报: the finding becomes a case (channel visit) with a number.
  await expect(cadre.getByTestId('visit-case-description').locator('textarea')).toHaveValue(/楼道灯/);
  await cadre.getByTestId('visit-raise-case').click();
  await expect(cadre.getByTestId('visit-case-number')).toContainText(/320305-\d{8}-\d{4}/);
  await saveScreenshot(cadre, 'cadre-visits-3-case-raised', { fullPage: true });
  await expect(cadre.getByText(/已上报：320305-/)).toBeVisible();

  // 5. Back in the console, the coverage counts one more visited household.
  await center.reload();
  await expect(visited).toHaveText(String(before + 1));
  await saveScreenshot(center, 'cadre-visits-4-coverage', { fullPage: true });
  await desk.close();
  await phone.close();
});
