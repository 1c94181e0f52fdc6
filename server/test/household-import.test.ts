import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { csv, encodeGb18030, gridCodeOf, header, importFile, otherVillageGridCode, uploadFile, validId, wrongChecksum } from './household-helpers.js';

let t: TestApp;
let grid1: string;
let grid2: string;
let outside: string;

const count = async (table: 'households' | 'household_members') => Number((await t.rows(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  grid1 = gridCodeOf(t, '江庄村第一网格');
  grid2 = t.ctx.grids.current.grids.find((g) => g.gridKind === 'basic' && g.code !== grid1 && g.ancestors[0]!.name === '江庄村')!.code;
  outside = otherVillageGridCode(t);
});
afterAll(async () => t?.close());

function goodRows(phoneOfHead = '13951110001', tag = '低保'): string[][] {
  return [
    header,
    [grid1, '测试村和平路1号', '', '', '', '周大山', phoneOfHead, validId('32030519550101123'), '户主', tag],
    [grid1, '测试村和平路1号', '', '', '', '钱小花', '', validId('32030519570202124'), '配偶', ''],
    ['', '', '', '', '', '周小宝', '', validId('32030520150303125'), '孙子', '留守儿童'],
    [grid1, '测试村和平路2号', '', '', '', '孙独居', '0516-87001234', '', '', '独居老人、重点关注'],
    [grid2, '测试小区', '3', '1', '101', '吴一', '13951110002', '', '户主', ''],
    [grid2, '测试小区', '3', '1', '102', '吴二', '+86 139 5111 0003', '', '户主', ''],
  ];
}

describe('household import', () => {
  it('proposes a mapping from Chinese headers and masks the sample', async () => {
    const res = await uploadFile(t, 'community', csv(goodRows()));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.format).toBe('csv');
    expect(body.encoding).toBe('utf-8');
    expect(body.headers).toEqual(header);
    expect(body.mapping).toMatchObject({ grid: 0, address: 1, building: 2, unit: 3, room: 4, name: 5, phone: 6, idNumber: 7, relation: 8, tags: 9, lat: null, lng: null });
    expect(body.status).toBe('uploaded');
    const sample = JSON.stringify(body.sample);
    expect(sample).not.toContain('13951110001');
    expect(sample).not.toContain('周大山');
    expect(body.sample[0][1]).toBe('测试村和平路1号');
  });

  it('imports a good CSV: households grouped by address, members sealed at rest, audited', async () => {
    const before = await count('households');
    const { report, applied } = await importFile(t, 'community', csv(goodRows()));
    expect(report).toMatchObject({ status: 'valid', totalRows: 6, badRows: 0, households: 4, problems: [] });
    expect(applied.status).toBe('applied');
    expect(applied.result).toEqual({ householdsCreated: 4, householdsUpdated: 0, membersWritten: 6 });
    expect(await count('households')).toBe(before + 4);
    const [h] = await t.rows(sql`select id, tags, member_count from households where address = '测试村和平路1号'`);
    expect(h!.member_count).toBe(3);
    expect([...(h!.tags as string[])].sort()).toEqual(['dibao', 'left_behind_child']);
    const members = JSON.stringify(await t.rows(sql`select * from household_members where household_id = ${h!.id as string}`));
    expect(members).not.toContain('13951110001');
    expect(members).not.toContain('周大山');
    expect(members).not.toContain('320305195501011');
    const [audit] = await t.rows(sql`select data from audit_log where action = 'household.import' order by id desc limit 1`);
    expect(audit!.data).toMatchObject({ created: 4, updated: 0, members: 6 });
    expect(JSON.stringify(audit!.data)).not.toContain('周大山');
  });

  it('re-importing the same dwellings updates them instead of duplicating, and replaces members', async () => {
    const before = await count('households');
    const rows = goodRows('13951119999', '残疾');
    rows.splice(2, 2); // the spouse and grandchild moved out
    const { applied } = await importFile(t, 'community', csv(rows));
    expect(applied.result).toEqual({ householdsCreated: 0, householdsUpdated: 4, membersWritten: 4 });
    expect(await count('households')).toBe(before);
    const [h] = await t.rows(sql`select id, tags, member_count, version from households where address = '测试村和平路1号'`);
    expect(h).toMatchObject({ member_count: 1, version: 2 });
    expect(h!.tags).toEqual(['disabled']);
    const hash = t.ctx.secrets.lookupHash('13951119999');
    expect((await t.rows(sql`select 1 from household_members where phone_hash = ${hash}`)).length).toBe(1);
  });

  it('a file with bad rows changes nothing, and the report names every bad line and why', async () => {
    const rows = [
      header,
      [grid1, '坏文件路1号', '', '', '', '甲', '13951110011', validId('32030519600101123'), '户主', ''], // 2 good
      ['', '', '', '', '', '乙', '', '', '配偶', ''], // 3 good (continues line 2)
      ['999999999999999', '坏文件路2号', '', '', '', '丙', '', '', '', ''], // 4 unknown grid
      [grid1, '', '', '', '', '丁', '', '', '', ''], // 5 missing address
      [grid1, '坏文件路3号', '', '', '', '戊', '1234', '', '', ''], // 6 bad phone
      [grid1, '坏文件路4号', '', '', '', '己', '', wrongChecksum('32030519600101124'), '', ''], // 7 checksum
      [grid1, '坏文件路5号', '', '', '', '庚', '', '', '', '富豪'], // 8 unknown tag
      [grid1, '坏文件路1号', '', '', '', '辛', '', '', '', ''], // 9 same dwelling as line 2, not consecutive
      [outside, '外村路1号', '', '', '', '壬', '', '', '', ''], // 10 out of scope
      [grid1, '坏文件路6号', '', '', '', '', '', '', '', ''], // 11 missing name
      [grid1, '坏文件路7号', '', '', '', '癸', '', '', '朋友', ''], // 12 unknown relation
      [grid1, '坏文件路8号', '', '', '', '子', '', '', '户主', ''], // 13 good
      ['', '', '', '', '', '丑', '', '', '户主', ''], // 14 second head
    ];
    const before = { households: await count('households'), members: await count('household_members') };
    const { upload, report } = await importFile(t, 'community', csv(rows));
    expect(report.status).toBe('invalid');
    expect(report.badRows).toBe(10);
    const byLine = Object.fromEntries(report.problems.map((p: { line: number; code: string }) => [p.line, p.code]));
    expect(byLine).toEqual({ 4: 'unknown_grid', 5: 'missing_address', 6: 'bad_phone', 7: 'id_number_checksum', 8: 'unknown_tag', 9: 'duplicate_household', 10: 'grid_out_of_scope', 11: 'missing_name', 12: 'unknown_relation', 14: 'second_head' });
    const phone = report.problems.find((p: { line: number }) => p.line === 6);
    expect(phone).toMatchObject({ field: 'phone', column: '电话' });
    expect(phone.message.zh).toContain('电话');
    expect(JSON.stringify(report)).not.toContain('13951110011');
    // Applying is refused, and nothing changed.
    const applied = await t.request('POST', `/api/v1/household-imports/${upload.id}/apply`, { as: 'community' });
    expect(applied.statusCode, applied.body).toBe(409);
    expect(applied.headers['content-type']).toContain('application/problem+json');
    expect({ households: await count('households'), members: await count('household_members') }).toEqual(before);
    // The full report downloads as CSV with the same lines.
    const csvReport = await t.request('GET', `/api/v1/household-imports/${upload.id}/report.csv`, { as: 'community' });
    expect(csvReport.statusCode).toBe(200);
    expect(csvReport.body).toContain('"6","电话"');
    expect(csvReport.body.trim().split('\n').length).toBe(1 + report.problems.length);
  });

  it('a member row with no household above it is reported', async () => {
    const { report } = await importFile(t, 'community', csv([header, ['', '', '', '', '', '孤行', '', '', '', '']]));
    expect(report.status).toBe('invalid');
    expect(report.problems[0]).toMatchObject({ line: 2, code: 'member_without_household' });
  });

  it('reads GB18030 CSV (what Excel on a Chinese Windows saves)', async () => {
    const text = [header, [grid1, '国标路1号', '', '', '', '郭国标', '13951110021', '', '户主', '特困']].map((r) => r.join(',')).join('\r\n') + '\r\n';
    const { upload, report, applied } = await importFile(t, 'community', encodeGb18030(text));
    expect(upload.encoding).toBe('gb18030');
    expect(upload.headers).toEqual(header);
    expect(report.status).toBe('valid');
    expect(applied.result.householdsCreated).toBe(1);
    expect((await t.rows(sql`select tags from households where address = '国标路1号'`))[0]!.tags).toEqual(['extreme_poverty']);
  });

  it('reads XLSX (first sheet, numbers as text) generated with exceljs', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('户籍');
    sheet.addRow(['所属网格', '详细地址', '户主姓名', '手机号码', '公民身份号码', '关系']);
    sheet.addRow([grid1, 'XLSX路1号', '徐表格', 13951110031, validId('32030519700101123'), '本人']);
    sheet.addRow([grid1, 'XLSX路1号', '徐二', null, null, '儿子']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { upload, report, applied } = await importFile(t, 'community', bytes, { fileName: 'households.xlsx' });
    expect(upload.format).toBe('xlsx');
    expect(upload.mapping).toMatchObject({ grid: 0, address: 1, name: 2, phone: 3, idNumber: 4, relation: 5 });
    expect(report.status, JSON.stringify(report.problems)).toBe('valid');
    expect(applied.result).toEqual({ householdsCreated: 1, householdsUpdated: 0, membersWritten: 2 });
    const hash = t.ctx.secrets.lookupHash('13951110031');
    expect((await t.rows(sql`select relation, birth_year from household_members where phone_hash = ${hash}`))[0]).toEqual({ relation: 'head', birth_year: 1970 });
  });

  it('checks the confirmed mapping: required fields and columns used once', async () => {
    const uploaded = (await uploadFile(t, 'community', csv(goodRows()))).json();
    const res = await t.request('POST', `/api/v1/household-imports/${uploaded.id}/validate`, { as: 'community', body: { mapping: { ...uploaded.mapping, address: null, phone: 5 } } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors?.map((e: { field: string }) => e.field) ?? JSON.stringify(res.json());
    expect(JSON.stringify(fields)).toContain('mapping.address');
    expect(JSON.stringify(fields)).toContain('mapping.phone');
  });

  it('an import is not visible to another village, and needs household:import', async () => {
    const uploaded = (await uploadFile(t, 'community', csv(goodRows()))).json();
    expect((await t.request('GET', `/api/v1/household-imports/${uploaded.id}`, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/household-imports/${uploaded.id}`, { as: 'center' })).statusCode).toBe(200);
    expect((await uploadFile(t, 'grid-worker', csv(goodRows()))).statusCode).toBe(403);
  });

  it('the template imports as is', async () => {
    const template = await t.request('GET', '/api/v1/household-imports/template.csv', { as: 'community' });
    expect(template.statusCode).toBe(200);
    const { report } = await importFile(t, 'community', Buffer.from(template.body, 'utf8'), { apply: false });
    expect(report.status, JSON.stringify(report.problems)).toBe('valid');
    expect(report.households).toBe(2);
  });

  it('refuses what is not a table', async () => {
    const res = await uploadFile(t, 'community', Buffer.alloc(0));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
