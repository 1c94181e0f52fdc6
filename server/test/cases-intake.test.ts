import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../src/modules/territory/coordinates.js';
import { createTestApp, type TestApp } from './test-app.js';
import { pointInGrid, reportCase } from './factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const base = { channel: 'resident_app', description: '小区门口垃圾两天没人清运，气味很大', demandType: 'complaint' };

async function countCases(): Promise<number> {
  const rows = { rows: await t.rows(sql`select count(*)::int as n from cases`) };
  return Number((rows.rows[0] as { n: number }).n);
}

describe('case intake', () => {
  it('numbers cases per county and Shanghai day, serials rising', async () => {
    const a = await reportCase(t);
    const b = await reportCase(t);
    const [prefixA, serialA] = [a.number.slice(0, 15), Number(a.number.slice(16))];
    expect(b.number.slice(0, 15)).toBe(prefixA);
    expect(Number(b.number.slice(16))).toBe(serialA + 1);
    const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(a.createdAt)).replaceAll('-', '');
    expect(prefixA).toBe(`320305-${shanghaiDay}`);
  });

  it('answers intake with the same case the detail endpoint shows afterwards', async () => {
    const created = await reportCase(t, {}, { as: 'community' });
    const detail = (await t.request('GET', `/api/v1/cases/${created.id}`, { as: 'community' })).json();
    const { trackingCode, ...withoutCode } = created;
    expect(trackingCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(withoutCode).toEqual(detail);
  });

  it('is idempotent per caller and key: same body → the original case, different body → 422', async () => {
    const headers = { 'idempotency-key': 'phone-7f3a-0001' };
    const body = { ...base, location: pointInGrid(t) };
    const first = await t.request('POST', '/api/v1/cases', { body, headers });
    expect(first.statusCode).toBe(201);
    const before = await countCases();
    const replay = await t.request('POST', '/api/v1/cases', { body, headers });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toMatchObject({ id: first.json().id, number: first.json().number, trackingCode: first.json().trackingCode });
    const different = await t.request('POST', '/api/v1/cases', { body: { ...body, description: '另一件事：楼道灯不亮了' }, headers });
    expect(different.statusCode).toBe(422);
    expect(different.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countCases()).toBe(before);
    // The same key from another caller is another request.
    const staff = await t.request('POST', '/api/v1/cases', { as: 'community', body: { ...body, channel: 'staff' }, headers });
    expect(staff.statusCode).toBe(201);
    expect(staff.json().id).not.toBe(first.json().id);
  });

  it('concurrent intakes get distinct numbers', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => t.request('POST', '/api/v1/cases', { body: { ...base, location: pointInGrid(t) } })));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = new Set(results.map((r) => r.json().number));
    expect(numbers.size).toBe(12);
  });

  it('locates by point in GCJ-02 and BD-09 the same as WGS-84', async () => {
    const wgs = pointInGrid(t, '江庄村第二网格');
    const expected = (await reportCase(t, { location: { lat: wgs.lat, lng: wgs.lng } })).grid.name;
    for (const crs of ['gcj02', 'bd09'] as const) {
      const converted = fromWgs84(wgs.lng, wgs.lat, crs);
      const created = await reportCase(t, { location: { lat: converted.lat, lng: converted.lng, crs } });
      expect(created.grid.name).toBe(expected);
      expect(Math.abs(created.location.lat - wgs.lat)).toBeLessThan(0.0001);
    }
  });

  it('locates by grid code, by address (village named), or waits in the county triage queue', async () => {
    const byGrid = await reportCase(t, { location: { gridCode: pointInGrid(t).gridCode } });
    expect(byGrid.grid.name).toBe('江庄村第一网格');
    const byAddress = await reportCase(t, { location: { address: '江庄镇江庄村东组12号门口' } });
    expect(byAddress).toMatchObject({ grid: null, territory: { name: '江庄村', level: 'village' }, level: 'grid' });
    const triage = await t.request('POST', '/api/v1/cases', { body: { ...base, location: { address: '不知道在哪里' } } });
    expect(triage.statusCode).toBe(201);
    expect(triage.json()).toMatchObject({ needsTriage: true, territory: { level: 'county' } });
    const nothing = await t.request('POST', '/api/v1/cases', { body: base });
    expect(nothing.json().needsTriage).toBe(true);
    // Only county-wide staff see the triage queue.
    expect((await t.request('GET', `/api/v1/cases/${triage.json().id}`, { as: 'community' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/cases/${triage.json().id}`, { as: 'leader' })).statusCode).toBe(200);
  });

  it('takes colour, level and limits from the category; yellow cases get 24 hours to respond', async () => {
    const taxonomy = (await t.request('GET', '/api/v1/categories')).json();
    const yellow = taxonomy.groups.flatMap((g: { categories: unknown[] }) => g.categories).find((c: { colour: string }) => c.colour === 'yellow');
    const created = await reportCase(t, { categoryCode: yellow.code });
    expect(created).toMatchObject({ colour: 'yellow', level: yellow.level, category: { code: yellow.code } });
    expect(new Date(created.respondBy).getTime() - new Date(created.createdAt).getTime()).toBe(yellow.respondMinutes * 60_000);
  });

  it('rejects bad input with field-level reasons and stores nothing', async () => {
    const before = await countCases();
    const cases: Array<[unknown, string]> = [
      [{ ...base, description: '短' }, 'description'],
      [{ ...base, demandType: 'praise' }, 'demandType'],
      [{ ...base, channel: 'fax' }, 'channel'],
      [{ ...base, categoryCode: '9999' }, 'categoryCode'],
      [{ ...base, categoryCode: 'abc' }, 'categoryCode'],
      [{ ...base, location: { lat: 34.4 } }, 'location.lat'],
      [{ ...base, location: { lat: 95, lng: 117 } }, 'location.lat'],
      [{ ...base, location: { lat: 39.9, lng: 116.4 } }, 'location'],
      [{ ...base, location: { gridCode: 'NOPE' } }, 'location.gridCode'],
      [{ ...base, reporter: { phone: '12345' } }, 'reporter.phone'],
      [{ ...base, isAnonymous: 'yes' }, 'isAnonymous'],
      [[1, 2, 3], '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', '/api/v1/cases', { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
    expect(await countCases()).toBe(before);
  });

  it('residents report only through the resident channel; staff only inside their territory', async () => {
    const hotline = await t.request('POST', '/api/v1/cases', { body: { ...base, channel: 'hotline' } });
    expect(hotline.statusCode).toBe(401);
    const leader = await t.request('POST', '/api/v1/cases', { as: 'leader', body: { ...base, channel: 'staff' } });
    expect(leader.statusCode).toBe(403);
    const outside = await t.request('POST', '/api/v1/cases', { as: 'community2', body: { ...base, channel: 'visit', location: pointInGrid(t) } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].field).toBe('location');
    const inside = await t.request('POST', '/api/v1/cases', { as: 'grid-worker', body: { ...base, channel: 'patrol', location: pointInGrid(t) } });
    expect(inside.statusCode).toBe(201);
    expect(inside.json().allowedActions).toEqual([]);
    // A hotline call with no usable place waits in the taker's own territory, not the county's.
    const call = await t.request('POST', '/api/v1/cases', { as: 'center', body: { ...base, channel: 'hotline' } });
    expect(call.json().territory.name).toBe('江庄镇');
  });

  it('tracks by number and code only; a wrong code looks like a missing case', async () => {
    const created = await reportCase(t);
    const ok = await t.request('GET', `/api/v1/track/${created.number}?code=${created.trackingCode.toLowerCase()}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'reported', statusLabel: '上报' });
    const wrong = await t.request('GET', `/api/v1/track/${created.number}?code=AAAAAAAA`);
    const missing = await t.request('GET', `/api/v1/track/320305-20000101-0001?code=${created.trackingCode}`);
    expect(wrong.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(wrong.json().detail).toBe(missing.json().detail);
    expect((await t.request('GET', `/api/v1/track/not-a-number?code=x`)).statusCode).toBe(400);
    const english = await t.request('GET', `/api/v1/track/${created.number}?code=${created.trackingCode}`, { headers: { 'accept-language': 'en' } });
    expect(english.json().statusLabel).toBe('Reported');
  });
});
