import { expect, test } from '@playwright/test';
import { caseActions } from '../../server/src/modules/cases/case-machine.js';
import { saveScreenshot } from '../support/screenshots.js';


test('a staff member opens the API docs and finds the locate and case action operations', async ({ page }) => {
  await page.goto('/api/docs');

  // The Swagger UI page, titled from the OpenAPI document.
  const title = page.getByRole('heading', { name: /Wangge API/ }).first();
  await expect(title).toContainText('Wangge API');
  await expect(title).toContainText('网格化基层治理');

  // Locate a point: the territory operation is listed and opens to show its parameters.
  const locate = page.locator('.opblock-get', { has: page.locator('[data-path="/api/v1/territories/locate"]') });
  await expect(locate).toHaveCount(1);
  await locate.locator('.opblock-summary').first().click();
  await expect(locate.locator('.parameters')).toContainText('lat');
  await expect(locate.locator('.parameters')).toContainText('lng');
  await locate.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'staff-reads-api-docs-locate');

  // Every lifecycle action of a case is its own POST route.
  for (const action of caseActions) {
    await expect(
      page.locator('.opblock-post', { has: page.locator(`[data-path="/api/v1/cases/{id}/actions/${action}"]`) }),
      `POST /api/v1/cases/{id}/actions/${action}`,
    ).toHaveCount(1);
  }
  await page.locator(`[data-path="/api/v1/cases/{id}/actions/accept"]`).scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'staff-reads-api-docs-case-actions');
});
