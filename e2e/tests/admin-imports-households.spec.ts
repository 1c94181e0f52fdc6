import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/screenshots.js';
import { signIn } from '../support/sign-in.js';

/** 江庄村第一网格 in the demo county (贾汪区). */
const gridCode = '32030510720501';

/** GB 11643 check character, so the good file's ID numbers are valid. */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

const header = '网格编码,地址,楼栋,单元,房号,姓名,电话,身份证号,与户主关系,标签';
const stamp = Date.now() % 100_000;
const goodRows = [
  `${gridCode},浏览器测试路${stamp}号,,,,陶建华,13951330001,${withCheck('32030519620101123')},户主,低保`,
  `${gridCode},浏览器测试路${stamp}号,,,,许桂芳,,${withCheck('32030519640202124')},配偶,`,
  `${gridCode},浏览器测试小区${stamp},2,1,301,韩独居,0516-87002345,,户主,独居老人`,
];
const badRows = [
  ...goodRows,
  `${gridCode},,,,,没有地址,,,,`, // line 5: missing address
  `${gridCode},浏览器测试路${stamp + 1}号,,,,电话错,12345,,,`, // line 6: bad phone
  `${gridCode},浏览器测试路${stamp + 2}号,,,,标签错,,,,富豪`, // line 7: unknown tag
];
const file = (rows: string[]) => Buffer.from('\uFEFF' + [header, ...rows].join('\r\n') + '\r\n', 'utf8');

test('an admin imports a household file with errors (line-numbered report, nothing changed), then a good one (households listed)', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'admin');
  await page.goto('/console/household-import');

  // 1. A file with three bad rows: the report names each line and why; nothing is imported.
  await page.locator('input[type=file]').setInputFiles({ name: '江庄村户籍.csv', mimeType: 'text/csv', buffer: file(badRows) });
  await expect(page.getByTestId('mapping-address')).toContainText('地址');
  await page.getByTestId('household-validate').click();
  await expect(page.getByTestId('household-import-invalid')).toContainText('3 行错误');
  const report = page.getByTestId('household-import-report');
  await expect(report.getByRole('row', { name: /^5 .*缺少地址/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /^6 .*电话/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /^7 .*富豪/ })).toBeVisible();
  await expect(page.getByTestId('household-apply')).toHaveCount(0);
  await saveScreenshot(page, 'admin-imports-households-report', { fullPage: true });
  const before = await page.request.get(`/api/v1/households?q=${encodeURIComponent(`浏览器测试路${stamp}号`)}`);
  expect((await before.json()).total).toBe(0);

  // 2. The corrected file: all rows good, imported in one go.
  await page.getByRole('button', { name: '重新上传' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: '江庄村户籍-改正.csv', mimeType: 'text/csv', buffer: file(goodRows) });
  await page.getByTestId('household-validate').click();
  await expect(page.getByText('全部 3 行校验通过，共 2 户')).toBeVisible();
  await page.getByTestId('household-apply').click();
  await expect(page.getByTestId('household-import-done')).toContainText('新增 2 户');

  // 3. The registry lists them, phones masked, tags as tags.
  await page.getByRole('button', { name: '查看户籍台账' }).click();
  await page.getByPlaceholder('搜索地址、楼栋、房号').fill(`浏览器测试`);
  await page.getByPlaceholder('搜索地址、楼栋、房号').press('Enter');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.filter({ hasText: `浏览器测试路${stamp}号` })).toContainText('139****0001');
  await expect(rows.filter({ hasText: `浏览器测试路${stamp}号` })).toContainText('低保');
  await expect(rows.filter({ hasText: `浏览器测试小区${stamp}` })).toContainText('独居老人');
  await expect(page.getByText('13951330001')).toHaveCount(0);
  await saveScreenshot(page, 'admin-imports-households-listed', { fullPage: true });
});
