import { expect, test } from '@playwright/test';
import { signIn } from '../support/sign-in.js';

test.use({ viewport: { width: 1440, height: 900 } });

/**
 * The case list's territory filter is the territory picker: typing a grid's name finds it without
 * opening its town and village, and the list says how many cases match.
 */
test('a center operator finds 江庄村第二网格 by typing and the list shows its total', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'center');
  await page.goto('/console/cases');
  const total = page.getByTestId('inbox-total');
  await expect(total).toHaveText(/共 \d+ 件/, { timeout: 30_000 });
  const before = Number((await total.textContent())!.match(/\d+/)![0]);

  const picker = page.getByTestId('inbox-territory');
  await picker.click();
  await picker.locator('input').fill('江庄村第二网格');
  const option = page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: '江庄村第二网格' });
  await expect(option).toBeVisible({ timeout: 20_000 });
  await option.click();
  await expect(page).toHaveURL(/territory/);
  await expect(total).not.toHaveText(`共 ${before} 件`, { timeout: 30_000 });
  const after = Number((await total.textContent())!.match(/\d+/)![0]);
  expect(after).toBeLessThan(before);
  // Every row of the filtered list lies in that grid.
  const rows = page.getByTestId('inbox-table').locator('tbody tr.ant-table-row');
  if (after > 0) await expect(rows.first()).toContainText('江庄村第二网格');
});
