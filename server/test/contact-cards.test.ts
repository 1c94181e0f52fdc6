import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/platform/ids.js';
import { pointInGrid } from './factories.js';
import { readPdf, renderPage, scanQrCodes } from './pdf-reading.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Contact cards (党群联系卡) on the real app: the PDFs are read back with pdf.js — text as a viewer
 * extracts it, fonts as embedded, pages rendered to pixels and scanned for the QR code like a phone.
 */
let t: TestApp;
let gridCode: string;
let gridName: string;
let villageCode: string;
let villageGrids: Array<{ code: string; name: string }>;
let householdId: string;
const cadrePhone = '13952210001';
const memberName = '卡片测试户主';

async function staffId(username: string): Promise<string> {
  const [row] = await t.rows(sql`select id from staff where username = ${username}`);
  return String(row!.id);
}

beforeAll(async () => {
  t = await createTestApp();
  ({ gridCode } = pointInGrid(t));
  const [grid] = await t.rows(sql`
    select g.id, g.name, g.path, v.id as village_id, v.code as village_code
    from territory_nodes g join territory_nodes v on v.id = g.parent_id where g.code = ${gridCode}`);
  gridName = String(grid!.name);
  villageCode = String(grid!.village_code);
  villageGrids = (await t.rows(sql`select code, name from territory_nodes where level = 'grid' and path like ${String(grid!.path).replace(/[^/]+\/$/, '') + '%'} order by code`)) as typeof villageGrids;

  // The town cadre 赵磊 is assigned to the village (包联), with a profile; the grid worker has no phone.
  const cadre = await staffId('cadre');
  await t.rows(sql`update staff set title = '江庄镇党政办副主任', duties = '民情走访、矛盾纠纷化解、政策宣传',
    phone_encrypted = ${t.ctx.secrets.encrypt(cadrePhone)}, phone_hash = ${t.ctx.secrets.lookupHash(cadrePhone)} where id = ${cadre}`);
  await t.rows(sql`insert into assignments (id, staff_id, node_id, tier, starts_on)
    values (${newId()}, ${cadre}, ${String(grid!.village_id)}, 'town_cadre', '2020-01-01') on conflict do nothing`);
  // A console-style display name with the post in brackets and no profile: the bracket becomes the title.
  await t.rows(sql`update staff set display_name = ${'王芳(' + gridName + ')'}, title = null, duties = null, phone_encrypted = null, phone_hash = null where username = 'grid-worker'`);
  // An assignment that ended is not on the card.
  const community2 = await staffId('community2');
  await t.rows(sql`insert into assignments (id, staff_id, node_id, tier, starts_on, ends_on)
    values (${newId()}, ${community2}, ${String(grid!.village_id)}, 'village_member', '2020-01-01', '2020-12-31')`);

  householdId = newId();
  await t.rows(sql`insert into households (id, grid_id, territory_path, address, building, unit, room, dedupe_key, member_count)
    values (${householdId}, ${String(grid!.id)}, ${String(grid!.path)}, '江庄村东组', '3', '2', '301', ${'cards-test-' + householdId}, 1)`);
  await t.rows(sql`insert into household_members (id, household_id, name_encrypted, relation)
    values (${newId()}, ${householdId}, ${t.ctx.secrets.encrypt(memberName)}, 'head')`);
});

afterAll(async () => {
  await t?.close();
});

async function pdfOf(url: string, as: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await t.login(as)}`, host: 'wangge.test' } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return res.rawPayload;
}

describe('a grid card', () => {
  it('is a PDF in the embedded CJK font naming the cadre, the grid worker and the place, with a QR to the located report page', { timeout: 120_000 }, async () => {
    const pdf = await pdfOf(`/api/v1/contact-cards/grids/${gridCode}.pdf`, 'community');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const read = await readPdf(pdf);
    expect(read.pageCount).toBe(1);
    // Subset-embedded (ABCDEF+Name), so the file carries the glyphs it prints and stays small.
    expect(read.fontNames.some((name) => /^[A-Z]{6}\+NotoSansCJKsc-/.test(name))).toBe(true);
    expect(pdf.length).toBeLessThan(400_000);
    const text = read.pages[0]!;
    // The title is letter-spaced, which a text extractor reads as spaces.
    expect(text.replace(/\s+/g, '')).toContain('党群联系卡有事直联·一户一卡');
    for (const expected of [gridName, '赵磊', '江庄镇党政办副主任', '民情走访', '139 5221 0001', '王芳', '网格员', '扫码反映诉求']) {
      expect(text).toContain(expected);
    }
    // An ended assignment is history, not a contact.
    expect(text).not.toContain('陈静');
    expect(await scanQrCodes(pdf, 1)).toEqual([`http://wangge.test/r/report?grid=${gridCode}`]);
    // CARDS_SNAPSHOT=dir writes the rendered card, to look at it.
    if (process.env.CARDS_SNAPSHOT) fs.writeFileSync(path.join(process.env.CARDS_SNAPSHOT, 'grid-card.png'), (await renderPage(pdf, 1, 3)).png);
  });

  it('is 404 outside the caller’s territory and for codes that are not grids, 403 without staff:read', async () => {
    expect((await t.request('GET', `/api/v1/contact-cards/grids/${gridCode}.pdf`, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/contact-cards/grids/320305999999999.pdf', { as: 'admin' })).statusCode).toBe(404);
    const village = await t.request('GET', `/api/v1/contact-cards/grids/${villageCode}.pdf`, { as: 'admin' });
    expect(village.statusCode).toBe(404);
    expect(village.headers['content-type']).toContain('application/problem+json');
    expect((await t.request('GET', `/api/v1/contact-cards/grids/${gridCode}.pdf`, { as: 'department' })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/contact-cards/grids/${gridCode}.pdf`)).statusCode).toBe(401);
    // The grid's own grid worker prints it; the village batch is for those over the whole village.
    await pdfOf(`/api/v1/contact-cards/grids/${gridCode}.pdf`, 'grid-worker');
    expect((await t.request('GET', `/api/v1/contact-cards/villages/${villageCode}.pdf`, { as: 'grid-worker' })).statusCode).toBe(404);
  });
});

describe('a village batch', () => {
  it('has one card per grid of the village, two per A4 sheet, each QR for its own grid', { timeout: 180_000 }, async () => {
    const pdf = await pdfOf(`/api/v1/contact-cards/villages/${villageCode}.pdf`, 'cadre');
    const read = await readPdf(pdf);
    expect(read.pageCount).toBe(Math.ceil(villageGrids.length / 2));
    const scanned: string[] = [];
    for (let page = 1; page <= read.pageCount; page++) {
      scanned.push(...(await scanQrCodes(pdf, page, 2)).filter((code): code is string => code !== null));
    }
    expect(scanned).toEqual(villageGrids.map((g) => `http://wangge.test/r/report?grid=${g.code}`));
    const text = read.pages.join('\n');
    for (const grid of villageGrids) expect(text).toContain(grid.name);
    if (process.env.CARDS_SNAPSHOT) fs.writeFileSync(path.join(process.env.CARDS_SNAPSHOT, 'village-sheet.png'), (await renderPage(pdf, 1, 1.5)).png);
    // The village cadre is on every grid's card.
    expect(read.pages.every((page) => page.includes('赵磊'))).toBe(true);
  });

  it('is 404 out of scope and for unknown villages', async () => {
    expect((await t.request('GET', `/api/v1/contact-cards/villages/${villageCode}.pdf`, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/contact-cards/villages/320305999999.pdf', { as: 'admin' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/contact-cards/villages/${gridCode}.pdf`, { as: 'admin' })).statusCode).toBe(404);
  });
});

describe('a household card (一户一卡)', () => {
  it('is the grid card with the address and nothing about who lives there', { timeout: 120_000 }, async () => {
    const pdf = await pdfOf(`/api/v1/contact-cards/households/${householdId}.pdf`, 'grid-worker');
    const text = (await readPdf(pdf)).pages[0]!;
    expect(text).toContain('住户：江庄村东组 3栋 2单元 301室');
    expect(text).toContain('赵磊');
    expect(text).not.toContain(memberName);
    expect(await scanQrCodes(pdf, 1)).toEqual([`http://wangge.test/r/report?grid=${gridCode}`]);
  });

  it('is 404 outside the territory and for unknown households, 400 for a malformed id', async () => {
    expect((await t.request('GET', `/api/v1/contact-cards/households/${householdId}.pdf`, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/contact-cards/households/${newId()}.pdf`, { as: 'admin' })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/contact-cards/households/not-an-id.pdf', { as: 'admin' })).statusCode).toBe(400);
  });
});

describe('the public card (resident phone page)', () => {
  it('shows what the printed card shows, work phone included, to anyone', async () => {
    const res = await t.request('GET', `/api/v1/public/contact-cards/${gridCode}`, { headers: { host: 'wangge.test' } });
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card.grid).toEqual({ code: gridCode, name: gridName });
    expect(card.reportUrl).toBe(`http://wangge.test/r/report?grid=${gridCode}`);
    expect(card.contacts[0]).toMatchObject({ kind: 'cadre', tier: 'town_cadre', title: '江庄镇党政办副主任', phone: cadrePhone, label: { zh: '包联干部' } });
    // The console display name "王芳(江庄村第一网格)" prints as the name, the bracket as the title.
    expect(card.contacts).toContainEqual(expect.objectContaining({ kind: 'grid_worker', name: '王芳', title: gridName, phone: null }));
    // No ids, no household data.
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(res.body).not.toContain('江庄村东组');
  });

  it('is 404 for unknown grids and for codes that are not grids', async () => {
    expect((await t.request('GET', '/api/v1/public/contact-cards/320305999999999')).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/public/contact-cards/${villageCode}`)).statusCode).toBe(404);
  });
});

describe('without a CJK font', () => {
  it('answers 503 problem+json naming the package to install; the JSON card still works and uses WANGGE_PUBLIC_URL', { timeout: 120_000 }, async () => {
    const bare = await createTestApp({ cjkFont: '/nonexistent/NotoSansCJK-Regular.ttc', publicBaseUrl: 'https://wangge.example.gov.cn' });
    try {
      const res = await bare.request('GET', `/api/v1/contact-cards/grids/${gridCode}.pdf`, { as: 'community' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toContain('fonts-noto-cjk');
      // Scope still comes first: outsiders learn nothing, not even that the font is missing.
      expect((await bare.request('GET', `/api/v1/contact-cards/grids/${gridCode}.pdf`, { as: 'community2' })).statusCode).toBe(404);
      const json = await bare.request('GET', `/api/v1/public/contact-cards/${gridCode}`);
      expect(json.json().reportUrl).toBe(`https://wangge.example.gov.cn/r/report?grid=${gridCode}`);
    } finally {
      await bare.close();
    }
  });

  it('answers 503 for a file that is not a font', { timeout: 120_000 }, async () => {
    const notAFont = path.join(os.tmpdir(), `wangge-not-a-font-${process.pid}.ttf`);
    fs.writeFileSync(notAFont, 'this is not a font');
    const bad = await createTestApp({ cjkFont: notAFont });
    try {
      const res = await bad.request('GET', `/api/v1/contact-cards/villages/${villageCode}.pdf`, { as: 'community' });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().detail).toContain('WANGGE_CJK_FONT');
    } finally {
      await bad.close();
    }
  });
});
