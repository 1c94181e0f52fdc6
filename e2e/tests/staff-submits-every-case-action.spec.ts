import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { confirmDialog } from '../support/journey.js';
import { signIn } from '../support/sign-in.js';

/**
 * Every case action the server offers can be submitted from the console's action dialog. The forms
 * are filled from the `input` fields the server declares in `allowedActions` (one filler per field
 * type), and the set of actions comes from the server's OpenAPI document: an action added there that
 * this walk never submits fails the test, so an action cannot ship with a form nobody can send.
 */

/** Inside 江庄村第一网格, the grid-worker's grid. */
const jiangzhuangGrid1 = { lat: 34.4989, lng: 117.3713 };
const desk = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' };

interface InputField {
  name: string;
  type: string;
  required: boolean;
  label: string;
  options?: Array<{ value: string; label: string }>;
}
interface AllowedAction {
  action: string;
  label: string;
  input: InputField[];
}

/** A tiny PNG (8×8, red) for the photo fields. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC',
  'base64',
);

/** A date a month ahead, in Shanghai, as the date picker types it. */
function monthAhead(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 30 * 86_400_000));
}

/** What to put in a field of each type; `pick` names the option (target, unit, choice) by its visible text or value. */
type Picks = Record<string, string | string[]>;

async function chooseInSelect(page: Page, id: string, names: string[]) {
  const field = page.locator(`.ant-select:has(#${id})`);
  for (const name of names) {
    await expect(async () => {
      if (!(await field.textContent())?.includes(name)) {
        await page.locator(`#${id}`).click();
        const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first();
        await option.click({ timeout: 3_000 });
      }
      await expect(field).toContainText(name, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  }
  // A multiple select stays open; clicking the dialog's title closes it (Escape would close the dialog).
  await page.getByRole('dialog').locator('.ant-modal-title').click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

async function fillField(page: Page, field: InputField, picks: Picks, context: { caseNumber?: string }) {
  const id = `action_${field.name}`;
  const pick = picks[field.name];
  switch (field.type) {
    case 'text':
      await page.locator(`#${id}`).fill(`${field.label}：控制台提交测试`);
      return;
    case 'case':
      await page.locator(`#${id}`).fill(String(pick ?? context.caseNumber));
      return;
    case 'integer':
      await page.locator(`#${id}`).fill('24');
      return;
    case 'date': {
      const input = page.locator(`#${id}`);
      await input.click();
      await input.fill(monthAhead());
      // Enter would submit the form; clicking the dialog's title closes the calendar and keeps the typed date.
      await page.getByRole('dialog').locator('.ant-modal-title').click();
      await expect(input).toHaveValue(monthAhead());
      return;
    }
    case 'target':
    case 'units':
      // Optional targets (escalating to a department) only when the walk names one.
      if (!pick) {
        expect(field.required, `${field.name} is required but the walk names no choice`).toBe(false);
        return;
      }
      await chooseInSelect(page, id, Array.isArray(pick) ? pick : [pick]);
      return;
    case 'decision':
      await page.locator(`#${id} label`).filter({ has: page.locator(`input[value="${pick ?? 'approve'}"]`) }).click();
      return;
    case 'choice': {
      const value = (pick as string | undefined) ?? field.options?.[0]?.value;
      await page.locator(`#${id} label`).filter({ has: page.locator(`input[value="${value}"]`) }).click();
      return;
    }
    case 'boolean':
      await page.locator(`#${id}`).click();
      await expect(page.locator(`#${id}`)).toHaveAttribute('aria-checked', 'true');
      return;
    case 'photos': {
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/photos') && r.request().method() === 'POST');
      await page.getByRole('dialog').locator('input[type=file]').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: png });
      expect((await uploaded).status()).toBe(201);
      return;
    }
    default:
      throw new Error(`No filler for field type "${field.type}" (${field.name}): the console cannot be tested to submit it`);
  }
}

const submitted = new Set<string>();

/**
 * As the person on `page`: open the case, read the actions the server allows this person, open the
 * dialog for `action`, fill every field by its type, submit, and see the server accept it.
 */
async function act(page: Page, caseId: string, action: string, picks: Picks = {}, context: { caseNumber?: string } = {}) {
  await page.goto(`/console/cases/${caseId}`);
  const detail = await (await page.request.get(`/api/v1/cases/${caseId}`)).json();
  const allowed = (detail.allowedActions as AllowedAction[]).find((a) => a.action === action);
  expect(allowed, `${action} should be allowed here; the server allows ${detail.allowedActions.map((a: AllowedAction) => a.action).join(', ')}`).toBeTruthy();
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  for (const field of allowed!.input) await fillField(page, field, picks, context);
  const response = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseId}/actions/${action}`) && r.request().method() === 'POST');
  await confirmDialog(page);
  const res = await response;
  expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
  await expect(dialog).toBeHidden();
  const after = await (await page.request.get(`/api/v1/cases/${caseId}`)).json();
  expect(after.version, `${action} changed the case`).toBeGreaterThan(detail.version);
  submitted.add(action);
}

async function report(request: APIRequestContext, description: string) {
  const res = await request.post('/api/v1/cases', {
    data: {
      channel: 'resident_app',
      description,
      demandType: 'help',
      categoryCode: '0105',
      location: jiangzhuangGrid1,
      reporter: { name: '王秀英', phone: '13800010137' },
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; number: string };
}

async function deskAs(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ ...desk, baseURL: test.info().project.use.baseURL, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

test('staff submit every case action the server offers from the console dialogs', async ({ browser, request }) => {
  test.setTimeout(900_000);
  const spec = await (await request.get('/api/openapi.json')).json();
  const offered = new Set(
    Object.keys(spec.paths as Record<string, unknown>)
      .map((p) => /^\/api\/v1\/cases\/\{id\}\/actions\/([a-z-]+)$/.exec(p)?.[1])
      .filter((x): x is string => !!x),
  );
  expect(offered.size).toBeGreaterThan(10);

  const community = await deskAs(browser, 'community');
  const worker = await deskAs(browser, 'grid-worker');
  const center = await deskAs(browser, 'center');
  const department = await deskAs(browser, 'department');
  const grid = { target: '江庄村第一网格' };

  // Case A: the long walk, through the whole lifecycle.
  const a = await report(request, '江庄村第一网格五号楼前下水道堵塞，污水外溢');
  await act(community, a.id, 'accept');
  await act(community, a.id, 'dispatch', grid);
  await act(worker, a.id, 'take');
  await act(worker, a.id, 'request-extension');
  await act(community, a.id, 'approve-extension', { decision: 'approve' });
  await act(worker, a.id, 'long-term');
  await act(community, a.id, 'whistle', { grade: 'raised', departments: ['区城管局'] });
  // Both summoned parties, the town office (the center) and the department, check in and finish.
  await act(center, a.id, 'check-in');
  await act(center, a.id, 'report-progress');
  await act(department, a.id, 'check-in');
  await act(department, a.id, 'report-progress');
  await act(center, a.id, 'urge');
  await act(worker, a.id, 'handle');
  await act(community, a.id, 'rework');
  await act(worker, a.id, 'take');
  await act(worker, a.id, 'handle');
  await act(community, a.id, 'close');
  await act(community, a.id, 'rate', { rating: 'satisfied' });
  await act(community, a.id, 'follow-up', { method: 'phone', observedSatisfaction: 'satisfied' });
  await act(community, a.id, 'reopen');
  await act(worker, a.id, 'escalate');

  // Case B: returned by the grid worker.
  const b = await report(request, '江庄村第一网格村口广告牌松动，存在坠落隐患');
  await act(community, b.id, 'accept');
  await act(community, b.id, 'dispatch', grid);
  await act(worker, b.id, 'return');

  // Case C: not accepted; case D: merged into case A.
  const c = await report(request, '咨询社保卡补办流程');
  await act(community, c.id, 'reject');
  const d = await report(request, '江庄村第一网格五号楼下水道又堵了');
  await act(community, d.id, 'merge', {}, { caseNumber: a.number });

  // Every action the server offers was submitted at least once.
  expect([...offered].filter((x) => !submitted.has(x)), 'actions the server offers that the console walk never submitted').toEqual([]);
});
