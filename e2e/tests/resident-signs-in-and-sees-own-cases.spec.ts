import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';

/** The demo resident: server/reference/demo-cases.json has cases reported with this phone. */
const demoPhone = '13800010137';

test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

test('a resident signs in with a one-time code and sees the cases reported with their phone', async ({ page, request }) => {
  await page.goto('/');
  await page.getByTestId('landing-mine').click();
  // Not signed in yet: 我的诉求 sends them to the phone sign-in.
  await expect(page).toHaveURL(/\/r\/login/);
  await expect(page.getByText('手机号登录').first()).toBeVisible();

  // A plain sentence for a number that is not a mobile number.
  await page.getByTestId('resident-phone').locator('input').fill('1380001');
  await page.getByTestId('resident-get-code').click();
  await expect(page.getByRole('alert')).toHaveText('请填写 11 位手机号码。');

  await page.getByTestId('resident-phone').locator('input').fill(demoPhone);
  await page.getByTestId('resident-get-code').click();
  // The button counts down to the next resend; the demo says where the code went.
  await expect(page.getByTestId('resident-get-code')).toContainText('秒后重发');
  await expect(page.getByRole('status')).toContainText('服务器日志');
  await saveScreenshot(page, 'resident-signs-in-1-code-sent');

  // Demo mode only: the code "texted" to the phone is read back from the server (it is in the log too).
  const otp = await request.get(`/api/v1/dev/last-otp?phone=${demoPhone}`);
  expect(otp.status()).toBe(200);
  const { code } = (await otp.json()) as { code: string };
  expect(code).toMatch(/^\d{6}$/);

  // A wrong code first: told in a sentence how many tries are left.
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByTestId('resident-code').locator('input').fill(wrong);
  await page.getByTestId('resident-sign-in').click();
  await expect(page.getByRole('alert')).toContainText('还可以再试 4 次');

  await page.getByTestId('resident-code').locator('input').fill(code);
  await page.getByTestId('resident-sign-in').click();
  await expect(page).toHaveURL(/\/r\/cases$/);
  await expect(page.getByTestId('resident-signed-in')).toContainText('138****0137');

  // The demo cases reported with this phone, newest first, each with its number and status.
  const cards = page.getByTestId('resident-case');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(2);
  await expect(cards.first()).toContainText(/320305-\d{8}-\d{4}/);
  await expect(page.getByText('江庄村东组太阳能路灯连续三晚不亮').first()).toBeVisible();
  await saveScreenshot(page, 'resident-signs-in-2-my-cases', { fullPage: true });

  // One of them: what was reported, the tracking code, and the plain-language timeline.
  await page.getByText('江庄村东组太阳能路灯连续三晚不亮').first().click();
  await expect(page).toHaveURL(/\/r\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('resident-case-detail')).toContainText('江庄村东组太阳能路灯连续三晚不亮');
  await expect(page.getByTestId('tracked-case')).toContainText('办理经过');
  await expect(page.getByTestId('tracked-case')).toContainText('上报');
  // Their own page still shows no staff names or the full phone.
  await expect(page.locator('body')).not.toContainText(demoPhone);
  await saveScreenshot(page, 'resident-signs-in-3-case-detail', { fullPage: true });

  // Someone else's case id is simply not found.
  await page.goto('/r/cases/01900000-0000-7000-8000-000000000000');
  await expect(page.getByText('没有找到这个诉求').first()).toBeVisible();
});
