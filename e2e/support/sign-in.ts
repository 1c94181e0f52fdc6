import { expect, type Page } from '@playwright/test';

/** Signs a demo account in through the real login page. */
export async function signIn(page: Page, username: string, password = process.env.WANGGE_DEMO_PASSWORD ?? 'wangge-demo'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
