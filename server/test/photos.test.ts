import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { act, actOk, getCase, gridId, pointInGrid, reportCase } from './factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** A phone-like JPEG: 1200×800 stored sideways (EXIF orientation 6), with GPS in 江庄村第一网格 and a capture time. */
async function phoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#6a8f4e' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'WanggeTestCam', Model: 'Serial-123456' },
      IFD2: { DateTimeOriginal: '2026:03:01 09:30:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 29/1 5604/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 22/1 1668/100' },
    })
    .toBuffer();
}

/** A multipart/form-data body with one `file` part, as a browser sends it. */
function multipart(bytes: Buffer, filename: string, contentType: string) {
  const boundary = '----wangge' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The upload cookie of "this browser": anonymous uploads below carry it, and so do its reports. */
const browser = { cookie: `wangge_upload=${randomBytes(32).toString('base64url')}` };

async function upload(bytes: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg', as?: string, extra: Record<string, string> = browser) {
  const body = multipart(bytes, filename, contentType);
  const headers: Record<string, string> = { ...body.headers, ...(as ? {} : extra) };
  if (as) headers['authorization'] = `Bearer ${await t.login(as)}`;
  return t.app.inject({ method: 'POST', url: '/api/v1/photos', headers, payload: body.payload });
}

async function uploadOk(as?: string, extra?: Record<string, string>): Promise<string> {
  const res = await upload(await phoneJpeg(), 'IMG_0001.jpg', 'image/jpeg', as, extra);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A resident's report from "this browser" (so with its upload cookie). */
const reportFromBrowser = (body: Parameters<typeof reportCase>[1] = {}) => reportCase(t, body, { headers: browser });

describe('uploading a photo', () => {
  it('reads the EXIF GPS as a suggested place, then stores the image upright, shrunk and without any metadata', async () => {
    const res = await upload(await phoneJpeg());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.suggestedLocation.lat).toBeCloseTo(34.4989, 4);
    expect(body.suggestedLocation.lng).toBeCloseTo(117.3713, 4);
    expect(body.takenAt).toBe('2026-03-01T01:30:00.000Z'); // 09:30 Asia/Shanghai
    // Orientation 6: the 3000×2000 sensor image is turned upright, then fitted into 2048 px.
    expect([body.width, body.height]).toEqual([1365, 2048]);

    const [stored] = await t.rows(sql`select image, thumbnail, case_id, kind, mime_type from photos where id = ${body.id}`);
    expect(stored).toMatchObject({ case_id: null, kind: null, mime_type: 'image/jpeg' });
    const image = Buffer.from(stored!['image'] as Uint8Array);
    const meta = await sharp(image).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(image.includes(Buffer.from('WanggeTestCam'))).toBe(false);
    expect(image.includes(Buffer.from('Exif\0\0'))).toBe(false);
    const thumb = await sharp(Buffer.from(stored!['thumbnail'] as Uint8Array)).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
    expect(thumb.exif).toBeUndefined();
  });

  it('accepts a PNG without EXIF and suggests no place', async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer();
    const res = await upload(png, 'screen.png', 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ width: 200, height: 100, suggestedLocation: null, takenAt: null });
  });

  it('refuses a text file named .jpg with 415, whatever the declared type', async () => {
    const res = await upload(Buffer.from('这不是照片，只是一段文字。'.repeat(20)), 'photo.jpg', 'image/jpeg');
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses more than 10 MB with 413 and stores nothing', async () => {
    const [before] = await t.rows(sql`select count(*)::int as n from photos`);
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024 + 10, 1)]);
    const res = await upload(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    const [after] = await t.rows(sql`select count(*)::int as n from photos`);
    expect(after!['n']).toBe(before!['n']);
  });

  it('answers 415 for a JSON body and 400 when no file is sent', async () => {
    const json = await t.request('POST', '/api/v1/photos', { body: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    const boundary = 'empty';
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/photos',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--${boundary}--\r\n`,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('file');
  });
});

describe('photos on a case', () => {
  it('a resident report attaches its photos; staff in scope fetch them, others get 404; the reporter fetches them with the tracking code', async () => {
    const first = await uploadOk();
    const second = await uploadOk();
    const created = await reportFromBrowser({ photoIds: [first, second] });
    expect(created.photos.map((p: { id: string }) => p.id)).toEqual([first, second]);
    expect(created.photos[0]).toMatchObject({ kind: 'report', url: `/api/v1/cases/${created.id}/photos/${first}`, thumbnailUrl: `/api/v1/cases/${created.id}/photos/${first}?size=thumb` });

    const detail = (await getCase(t, 'community', created.id)).json();
    expect(detail.photos.map((p: { id: string; kind: string }) => [p.id, p.kind])).toEqual([[first, 'report'], [second, 'report']]);

    const full = await t.request('GET', detail.photos[0].url, { as: 'grid-worker' });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(full.rawPayload).metadata()).height).toBe(2048);
    const thumb = await t.request('GET', detail.photos[0].thumbnailUrl, { as: 'community' });
    expect(thumb.statusCode).toBe(200);
    expect((await sharp(thumb.rawPayload).metadata()).height).toBe(320);

    // Outside the case's territory the case — and so its photos — does not exist.
    expect((await t.request('GET', detail.photos[0].url, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', detail.photos[0].url)).statusCode).toBe(401);
    // A photo of another case through this case's URL is not found either.
    const other = await reportFromBrowser({ photoIds: [await uploadOk()] });
    expect((await t.request('GET', `/api/v1/cases/${created.id}/photos/${other.photos[0].id}`, { as: 'community' })).statusCode).toBe(404);

    const track = await t.request('GET', `/api/v1/track/${created.number}?code=${created.trackingCode}`);
    expect(track.statusCode).toBe(200);
    const publicPhotos = track.json().photos;
    expect(publicPhotos).toHaveLength(2);
    const publicPhoto = await t.request('GET', publicPhotos[0].url);
    expect(publicPhoto.statusCode).toBe(200);
    expect(publicPhoto.headers['content-type']).toBe('image/jpeg');
    expect((await t.request('GET', publicPhotos[0].thumbnailUrl)).statusCode).toBe(200);
    const wrongCode = await t.request('GET', `/api/v1/track/${created.number}/photos/${first}?code=AAAAAAAA`);
    expect(wrongCode.statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/track/${other.number}/photos/${first}?code=${other.trackingCode}`)).statusCode).toBe(404);
  });

  it('refuses unknown or already attached photo ids with a 400 naming photoIds, and creates nothing', async () => {
    const photo = await uploadOk();
    await reportFromBrowser({ photoIds: [photo] });
    const [before] = await t.rows(sql`select count(*)::int as n from cases`);
    const [reportersBefore] = await t.rows(sql`select count(*)::int as n from reporters`);
    const fresh = await uploadOk();
    for (const photoIds of [[photo], [fresh, '0190a5f0-0000-7000-8000-000000000000']]) {
      const res = await t.request('POST', '/api/v1/cases', {
        headers: browser,
        body: { channel: 'resident_app', description: '路边垃圾堆放多日无人清理', demandType: 'complaint', location: { address: '江庄镇江庄村' }, reporter: { name: '李四', phone: '13900001111' }, photoIds },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors[0].field).toBe('photoIds');
    }
    const [after] = await t.rows(sql`select count(*)::int as n from cases`);
    const [reportersAfter] = await t.rows(sql`select count(*)::int as n from reporters`);
    expect(after!['n']).toBe(before!['n']);
    expect(reportersAfter!['n']).toBe(reportersBefore!['n']);
    // The fresh photo was not taken by the failed report.
    const [freshRow] = await t.rows(sql`select case_id from photos where id = ${fresh}`);
    expect(freshRow!['case_id']).toBeNull();
    // Malformed ids fail validation before anything runs.
    const bad = await t.request('POST', '/api/v1/cases', {
      body: { channel: 'resident_app', description: '路边垃圾堆放多日无人清理', demandType: 'complaint', isAnonymous: true, photoIds: ['not-a-uuid'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('photoIds');
  });

  it('handle attaches evidence photos in the same transaction; unknown ids refuse the whole action', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await actOk(t, 'grid-worker', created.id, 'take');

    const evidence = await uploadOk('grid-worker');
    const refused = await act(t, 'grid-worker', created.id, 'handle', { result: '已更换灯泡', evidence: [evidence, '0190a5f0-0000-7000-8000-000000000001'] });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors[0].field).toBe('evidence');
    const still = (await getCase(t, 'grid-worker', created.id)).json();
    expect(still.status).toBe('in_progress');
    expect(still.photos).toEqual([]);

    const handled = await actOk(t, 'grid-worker', created.id, 'handle', { result: '已更换灯泡，路灯恢复正常', evidence: [evidence] });
    expect(handled.status).toBe('handled');
    expect(handled.photos).toEqual([expect.objectContaining({ id: evidence, kind: 'evidence' })]);
    expect(handled.timeline.at(-1).data).toEqual({ evidence: [evidence] });
    const [row] = await t.rows(sql`select uploaded_by_id is not null as by_staff, kind from photos where id = ${evidence}`);
    expect(row).toEqual({ by_staff: true, kind: 'evidence' });

    // The resident sees the result photo too.
    const track = (await t.request('GET', `/api/v1/track/${created.number}?code=${created.trackingCode}`)).json();
    expect(track.photos.map((p: { kind: string }) => p.kind)).toEqual(['evidence']);
    expect((await t.request('GET', track.photos[0].url)).statusCode).toBe(200);
  });
});

describe('who may attach a photo', () => {
  const report = (photoIds: string[], headers: Record<string, string>) =>
    t.request('POST', '/api/v1/cases', {
      headers,
      body: { channel: 'resident_app', description: '小区门口井盖松动，车辆经过有响声', demandType: 'help', location: { address: '江庄镇江庄村' }, isAnonymous: true, photoIds },
    });
  const countCases = async () => ((await t.rows(sql`select count(*)::int as n from cases`))[0]!.n as number);
  const caseOf = async (id: string) => (await t.rows(sql`select case_id from photos where id = ${id}`))[0]!.case_id;

  it('an anonymous upload hands out an upload token (HttpOnly cookie and answer) that its report must carry', async () => {
    const res = await upload(await phoneJpeg(), 'a.jpg', 'image/jpeg', undefined, {});
    expect(res.statusCode, res.body).toBe(201);
    const { id, uploadToken } = res.json();
    expect(uploadToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === 'wangge_upload')!;
    expect(cookie).toMatchObject({ value: uploadToken, httpOnly: true, path: '/api/', sameSite: 'Lax' });
    // Signed-in uploads get none: they are recognised by who sends them.
    const staffUpload = await upload(await phoneJpeg(), 'b.jpg', 'image/jpeg', 'grid-worker');
    expect(staffUpload.json().uploadToken).toBeUndefined();
    expect(staffUpload.cookies.find((c) => c.name === 'wangge_upload')).toBeUndefined();

    const before = await countCases();
    // Someone who only knows the id — no token, another browser's token, a staff member — gets a 400 naming it.
    const strangers: Array<Record<string, string>> = [{}, browser, { 'x-upload-token': randomBytes(32).toString('base64url') }];
    for (const headers of strangers) {
      const refused = await report([id], headers);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors[0].field).toBe('photoIds');
      expect(JSON.stringify(refused.json())).toContain(id);
    }
    const asStaff = await t.request('POST', '/api/v1/cases', {
      as: 'grid-worker',
      body: { channel: 'staff', description: '小区门口井盖松动，车辆经过有响声', demandType: 'help', location: { lat: pointInGrid(t).lat, lng: pointInGrid(t).lng }, isAnonymous: true, photoIds: [id] },
    });
    expect(asStaff.statusCode, asStaff.body).toBe(400);
    expect(JSON.stringify(asStaff.json())).toContain(id);
    expect(await countCases()).toBe(before);
    expect(await caseOf(id)).toBeNull();

    // The holder of the token attaches it — by cookie (a browser) or by header (any client).
    const byCookie = await report([id], { cookie: `wangge_upload=${uploadToken}` });
    expect(byCookie.statusCode, byCookie.body).toBe(201);
    expect(await caseOf(id)).toBe(byCookie.json().id);
    const again = await upload(await phoneJpeg(), 'c.jpg', 'image/jpeg', undefined, { 'x-upload-token': uploadToken });
    expect(again.json().uploadToken).toBe(uploadToken);
    const byHeader = await report([again.json().id], { 'x-upload-token': uploadToken });
    expect(byHeader.statusCode, byHeader.body).toBe(201);
  });

  it("a mix of own and someone else's photos refuses the whole report, naming only the foreign one", async () => {
    const mine = await uploadOk();
    const theirs = await uploadOk(undefined, { cookie: `wangge_upload=${randomBytes(32).toString('base64url')}` });
    const before = await countCases();
    const refused = await report([mine, theirs], browser);
    expect(refused.statusCode, refused.body).toBe(400);
    const text = JSON.stringify(refused.json());
    expect(text).toContain(theirs);
    expect(text).not.toContain(mine);
    expect(await countCases()).toBe(before);
    expect(await caseOf(mine)).toBeNull();
    expect(await caseOf(theirs)).toBeNull();
  });

  it("evidence must be the handler's own upload: a colleague's or a resident's photo refuses the action", async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await actOk(t, 'grid-worker', created.id, 'take');
    for (const foreign of [await uploadOk('community'), await uploadOk()]) {
      const refused = await act(t, 'grid-worker', created.id, 'handle', { result: '已处理完毕，现场恢复正常', evidence: [foreign] });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors[0].field).toBe('evidence');
      expect(JSON.stringify(refused.json())).toContain(foreign);
      expect(await caseOf(foreign)).toBeNull();
    }
    expect((await getCase(t, 'grid-worker', created.id)).json().status).toBe('in_progress');
    const own = await uploadOk('grid-worker');
    expect((await actOk(t, 'grid-worker', created.id, 'handle', { result: '已处理完毕，现场恢复正常', evidence: [own] })).status).toBe('handled');
  });
});
