import { test, type Page } from '@playwright/test';
import { expect, anonymousApi, apiAs, openMenu, residentReports, screenshotsFor, signedInPage, viewports, confirmDialog } from '../support/journey.js';

/**
 * A functional department's day (区城管局, `department`) in the console (1366×768): the inbox of the cases
 * sent to the unit, one taken and handled (after asking for more time), another sent back as not theirs.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const shot = screenshotsFor('department-handles-assigned-case');
let department: Page;
const cases: Record<'mine' | 'notMine', { id: string; number: string }> = { mine: { id: '', number: '' }, notMine: { id: '', number: '' } };

test.beforeAll(async ({ browser, playwright }) => {
  // Two resident reports the town center accepts and sends to 区城管局 (through the API).
  const request = await anonymousApi(playwright);
  const reports = {
    mine: '江庄村第一网格菜市场东门流动摊贩占用盲道和消防通道，劝说无效',
    notMine: '江庄村第一网格一户人家孩子入学学籍转不过来，想咨询怎么办',
  };
  for (const key of ['mine', 'notMine'] as const) {
    const reported = await residentReports(request, reports[key], { categoryCode: key === 'mine' ? '0101' : undefined });
    cases[key] = { id: reported.id, number: reported.number };
  }
  // The staff sign-in leaves its cookie in this context, so the anonymous reports come first.
  const center = await apiAs(request, 'center');
  for (const reported of Object.values(cases)) {
    await center.act(reported.id, 'accept');
    const unit = await center.target(reported.id, '区城管局');
    await center.act(reported.id, 'dispatch', { target: { kind: unit.kind, id: unit.id }, note: '请城管局处理' });
  }
  await request.dispose();
  department = await signedInPage(browser, 'department', viewports.console);
});

test.afterAll(async () => {
  await department?.context().close();
});

test('home and the unit’s inbox', async () => {
  await expect(department.getByTestId('home-waiting')).toContainText(cases.mine.number);
  await shot(department, 'home');
  await openMenu(department, '案件');
  const table = department.getByTestId('inbox-table');
  await expect(table).toContainText(cases.mine.number);
  await expect(table).toContainText(cases.notMine.number);
  await shot(department, 'inbox');
});

test('take the first case', async () => {
  await department.getByTestId('inbox-table').getByRole('link', { name: cases.mine.number }).click();
  const detail = department.getByTestId('case-detail');
  await expect(detail).toContainText('盲道');
  await shot(department, 'case-dispatched');
  await department.getByTestId('action-take').click();
  const dialog = department.getByRole('dialog');
  await confirmDialog(department);
  await expect(dialog).toBeHidden();
  await expect(detail).toContainText('处置中');
  await shot(department, 'case-taken');
});

test('ask for more time (申请延期)', async () => {
  await department.getByTestId('action-request-extension').click();
  const dialog = department.getByRole('dialog');
  await dialog.locator('input').first().fill('48');
  await dialog.getByRole('textbox').last().fill('需联合市场监管部门执法，申请延期两天');
  await shot(department, 'extension-dialog');
  await confirmDialog(department);
  await expect(dialog).toBeHidden();
  await expect(department.getByTestId('case-detail')).toContainText('申请延期');
});

test('handle it (处置反馈)', async () => {
  await department.getByTestId('action-handle').click();
  const dialog = department.getByRole('dialog');
  await dialog.getByRole('textbox').first().fill('已组织执法队员清理摊位，盲道和消防通道已恢复畅通');
  await shot(department, 'handle-dialog');
  await confirmDialog(department);
  await expect(dialog).toBeHidden();
  await expect(department.getByTestId('case-detail')).toContainText('处置完毕');
  await shot(department, 'case-handled', { fullPage: true });
});

test('send the other case back (回退) as not the unit’s', async () => {
  await openMenu(department, '案件');
  await department.getByTestId('inbox-table').getByRole('link', { name: cases.notMine.number }).click();
  const detail = department.getByTestId('case-detail');
  await expect(detail).toContainText('学籍');
  await department.getByTestId('action-return').click();
  const dialog = department.getByRole('dialog');
  await dialog.getByRole('textbox').first().fill('学籍问题属教育局职责，不属城管局，请重新派单');
  await shot(department, 'return-dialog');
  await confirmDialog(department);
  await expect(dialog).toBeHidden();
  await expect(detail).toContainText('已回退');
  await shot(department, 'case-returned');
});
