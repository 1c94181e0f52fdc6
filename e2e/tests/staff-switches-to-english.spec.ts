import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';

test('a staff member switches the console to English and back', async ({ page }) => {
  await signIn(page, 'community');
  await expect(page.getByRole('menuitem', { name: '首页' })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Cases' })).toBeVisible();
  await saveScreenshot(page, 'staff-switches-to-english');
  // The choice sticks across a reload, and the server answers in English too.
  await page.reload();
  await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('menuitem', { name: '首页' })).toBeVisible();
});
