import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';

test.use({ viewport: { width: 1366, height: 768 } });

/**
 * On a 1366×768 laptop the admin's side menu is taller than the window: it scrolls on its own, the
 * admin pages sit in two groups, and the last entry (通知设置) can be reached and clicked.
 */
test('an admin on a 1366×768 screen reaches the last side-menu item, with both settings groups open', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'admin');
  await expect(page).toHaveURL(/\/console/);
  const menu = page.getByTestId('console-menu');

  // Open both groups: the menu is now far taller than the window.
  await menu.getByRole('menuitem', { name: '组织与人员' }).click();
  await menu.getByRole('menuitem', { name: '系统设置' }).click();
  await expect(menu.getByRole('menuitem', { name: /审计/ })).toBeVisible();
  const overflow = await menu.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(overflow, 'the open menu is taller than its box, so it must scroll').toBeGreaterThan(0);

  const last = menu.getByRole('menuitem', { name: '通知设置' });
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await last.click();
  await expect(page).toHaveURL(/\/console\/notification-settings$/);
  await saveScreenshot(page, 'admin-menu-1366-scrolled');

  // A grouped page reached by its address opens its group with the entry selected.
  await page.goto('/console/webhooks');
  const webhooks = page.getByTestId('console-menu').locator('.ant-menu-item-selected');
  await expect(webhooks).toBeVisible();
  await expect(webhooks).toContainText(/Webhook|推送/i);
});
