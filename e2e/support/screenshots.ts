import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

/** Screenshots are kept (git-ignored) in e2e/screenshots/, named after the story and step. */
export const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // Let opening dialogs, drawers and toasts finish their entry animation (looping ones, such as skeletons
  // and spinners, never finish and are left out), so a screenshot does not catch a half-faded dialog.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 3_000 })
    .catch(() => undefined);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}
