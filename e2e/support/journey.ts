import { expect as baseExpect, test, type APIRequestContext, type PlaywrightWorkerArgs, type Browser, type BrowserContext, type Page } from '@playwright/test';
import sharp from 'sharp';
import { saveScreenshot } from './screenshots.js';
import { signIn } from './sign-in.js';

/**
 * Pieces shared by the per-role journeys (`<actor>-<verb>-<object>.spec.ts`): browser contexts at the
 * sizes people use, a bearer-token API caller for the set-up steps a journey does not look at, and a
 * screenshot per page into e2e/screenshots/<spec>/.
 */

/**
 * `expect` with a longer wait: the journeys run beside other work on a two-core machine, where a list can
 * take well over the default 10 s to come back.
 */
export const expect = baseExpect.configure({ timeout: 20_000 });

export const demoPassword = process.env.WANGGE_DEMO_PASSWORD ?? 'wangge-demo';

/** Inside 江庄村第一网格, the grid-worker's grid (WGS-84). */
export const jiangzhuangGrid1 = { lat: 34.4989, lng: 117.3713 };
/** 江庄村第一网格's code in the demo county (贾汪区). */
export const jiangzhuangGrid1Code = '32030510720501';

export const viewports = {
  console: { width: 1366, height: 768 },
  wideConsole: { width: 1920, height: 1080 },
  gridWorkerPhone: { width: 390, height: 844 },
  cadrePhone: { width: 375, height: 667 },
} as const;

/** An API client with no one signed in, usable in beforeAll (the `request` fixture is per test). */
export async function anonymousApi(playwright: PlaywrightWorkerArgs['playwright']): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { 'accept-language': 'zh-CN' } });
}

/** A fresh browser context at a console or phone size (phones get touch and the grid's geolocation). */
export async function openContext(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const phone = viewport.width < 600;
  return browser.newContext({
    viewport,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: test.info().project.use.baseURL,
    ...(phone ? { geolocation: { latitude: jiangzhuangGrid1.lat, longitude: jiangzhuangGrid1.lng }, permissions: ['geolocation'] } : {}),
  });
}

/** Opens a context at the size and signs the demo account in through the login page. */
export async function signedInPage(browser: Browser, username: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await openContext(browser, viewport)).newPage();
  await signIn(page, username);
  return page;
}

/** Screenshots of one journey, numbered in the order taken: e2e/screenshots/<spec>/<nn>-<step>.png. */
export function screenshotsFor(spec: string) {
  let n = 0;
  return async (page: Page, step: string, options: { fullPage?: boolean } = {}): Promise<string> => {
    n += 1;
    return saveScreenshot(page, `${spec}/${String(n).padStart(2, '0')}-${step}`, options);
  };
}

export interface CaseAllowedAction {
  action: string;
  label: string;
  targets?: Array<{ kind: string; id: string; code?: string; name: string }>;
}
export interface CaseBody {
  id: string;
  number: string;
  version: number;
  status: string;
  trackingCode?: string;
  allowedActions: CaseAllowedAction[];
}

/**
 * A bearer-token caller for set-up steps: get a case, perform an action with the case's current version.
 * The sign-in also leaves a session cookie in `request`: make anonymous (resident) calls on it first.
 */
export async function apiAs(request: APIRequestContext, username: string) {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: demoPassword } });
  expect(login.status(), `sign-in ${username}`).toBe(200);
  const headers = { authorization: `Bearer ${(await login.json()).token}` };
  const get = async (caseId: string): Promise<CaseBody> => (await request.get(`/api/v1/cases/${caseId}`, { headers })).json();
  return {
    headers,
    get,
    act: async (caseId: string, action: string, body: Record<string, unknown> = {}): Promise<CaseBody> => {
      const current = await get(caseId);
      const res = await request.post(`/api/v1/cases/${caseId}/actions/${action}`, { headers, data: { version: current.version, ...body } });
      expect(res.status(), `${username} ${action}: ${await res.text()}`).toBe(200);
      return res.json();
    },
    /** The dispatch target of that name the server offers this caller on the case. */
    target: async (caseId: string, name: string, action = 'dispatch') => {
      const current = await get(caseId);
      const found = current.allowedActions.find((a) => a.action === action)?.targets?.find((x) => x.name === name);
      expect(found, `${username} may ${action} ${current.number} to ${name}`).toBeTruthy();
      return found!;
    },
  };
}

/** A resident's report through the public intake (resident channel), located by point, with a phone. */
export async function residentReports(request: APIRequestContext, description: string, options: { categoryCode?: string; location?: Record<string, unknown>; phone?: string } = {}): Promise<CaseBody> {
  const res = await request.post('/api/v1/cases', {
    headers: { 'accept-language': 'zh-CN' },
    data: {
      channel: 'resident_app',
      demandType: 'help',
      description,
      ...(options.categoryCode ? { categoryCode: options.categoryCode } : {}),
      location: options.location ?? jiangzhuangGrid1,
      reporter: { name: '王秀英', phone: options.phone ?? '13800010137' },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/** A small JPEG "photo" made on the spot. */
export async function photo(colour = { r: 90, g: 140, b: 90 }): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await sharp({ create: { width: 1200, height: 900, channels: 3, background: colour } }).jpeg().toBuffer();
  return { name: 'photo.jpg', mimeType: 'image/jpeg', buffer };
}

/** Console case detail: opens the action's dialog, lets the caller fill it, confirms and waits for it to close. */
export async function consoleAction(page: Page, caseId: string, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  if (!page.url().endsWith(`/console/cases/${caseId}`)) await page.goto(`/console/cases/${caseId}`);
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (fill) await fill(dialog);
  await confirmDialog(page);
  await expect(dialog).toBeHidden();
}

/**
 * Clicks the open dialog's primary button. A select's option list left open (a slow machine can leave
 * one showing over the footer) is closed first by clicking the dialog's title, as a person would;
 * Escape would close the dialog itself.
 */
export async function confirmDialog(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  const openList = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if (await openList.count()) await dialog.locator('.ant-modal-title').first().click({ timeout: 2_000 });
    await expect(openList).toHaveCount(0, { timeout: 2_000 });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Picks an option in an antd Select inside the dialog by typing its name (robust against re-renders). */
export async function chooseInSelect(page: Page, select: ReturnType<Page['locator']>, name: string): Promise<void> {
  await expect(async () => {
    if (!(await select.textContent())?.includes(name)) {
      await select.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(name);
      await page.locator('.ant-select-item-option', { hasText: name }).first().click({ timeout: 5_000 });
    }
    await expect(select).toContainText(name, { timeout: 2_000 });
    const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    if (await openList.count()) await page.getByRole('dialog').locator('.ant-modal-title').first().click();
    await expect(openList).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Clicks the console side-menu entry whose label is exactly `label`. */
export async function openMenu(page: Page, label: string): Promise<void> {
  await page.locator('.wg-console-sider .ant-menu-item', { hasText: new RegExp(`^${label}\\s*\\d*$`) }).click();
}
