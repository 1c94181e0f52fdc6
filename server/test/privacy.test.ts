import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { commands, type CliIo } from '../src/cli/commands.js';
import { trackingCodeOf } from '../src/modules/cases/tracking.service.js';
import { rotateKeys } from '../src/modules/privacy/key-rotation.service.js';
import { createSecrets, loadKeyring } from '../src/platform/secrets.js';
import { reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';
import { demoPassword, testSecretKey } from './test-config.js';

const name = '王秀英';
const phone = '13800010137';
const reason = '回访核实处理结果';

async function reveal(t: TestApp, as: string | undefined, caseId: string, body: unknown) {
  return t.request('POST', `/api/v1/cases/${caseId}/reporter/reveal`, { as, body });
}

/** Every row of every table of ours, as text, that contains `needle`: where personal data must never be in clear. */
async function tablesContaining(t: TestApp, needle: string): Promise<string[]> {
  const tables = await t.rows(sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
  const found: string[] = [];
  for (const { table_name: table } of tables as Array<{ table_name: string }>) {
    const [row] = await t.rows(sql`select count(*)::int as n from ${sql.identifier(table)} t where t::text like ${'%' + needle + '%'}`);
    if (Number(row!.n) > 0) found.push(table);
  }
  return found;
}

describe('personal data: masking, reveal, reveal log, erasure', () => {
  let t: TestApp;
  let created: { id: string; number: string; trackingCode: string; reporter: unknown };

  beforeAll(async () => {
    t = await createTestApp();
    created = await reportCase(t, { reporter: { name, phone } });
  });
  afterAll(async () => t?.close());

  it('shows the reporter masked to every role — pii:read holders included — until they reveal', async () => {
    expect(created.reporter).toEqual({ name: '王**', phone: '138****0137', masked: true, erased: false });
    for (const as of ['grid-worker', 'cadre', 'community', 'center', 'leader', 'admin']) {
      const res = await t.request('GET', `/api/v1/cases/${created.id}`, { as });
      expect(res.statusCode, `${as}: ${res.body}`).toBe(200);
      expect(res.json().reporter, as).toEqual({ name: '王**', phone: '138****0137', masked: true, erased: false });
      expect(res.body, as).not.toContain(phone);
      expect(res.body, as).not.toContain(name);
    }
    const list = await t.request('GET', '/api/v1/cases?limit=200', { as: 'community' });
    expect(list.body).not.toContain(phone);
  });

  it('never stores a clear phone or name in any table', async () => {
    expect(await tablesContaining(t, phone)).toEqual([]);
    expect(await tablesContaining(t, name)).toEqual([]);
    const [reporter] = await t.rows(sql`select r.name_encrypted, r.phone_encrypted, r.phone_hash from reporters r join cases c on c.reporter_id = r.id where c.id = ${created.id}`);
    expect(reporter!.name_encrypted).toMatch(/^k1\./);
    expect(reporter!.phone_encrypted).toMatch(/^k1\./);
    expect(reporter!.phone_hash).toBe(t.ctx.secrets.lookupHash(phone));
    const [sealed] = await t.rows(sql`select tracking_code_encrypted from cases where id = ${created.id}`);
    expect(sealed!.tracking_code_encrypted).toMatch(/^k1\./);
    expect(JSON.stringify(sealed)).not.toContain(created.trackingCode);
  });

  it('refuses a reveal without pii:read (403), without a reason (422), outside scope or for an anonymous case (404)', async () => {
    for (const as of ['grid-worker', 'cadre', 'leader', 'admin']) {
      const res = await reveal(t, as, created.id, { reason });
      expect(res.statusCode, as).toBe(403);
      expect(res.body).not.toContain(phone);
    }
    expect((await reveal(t, undefined, created.id, { reason })).statusCode).toBe(401);

    const missing = await reveal(t, 'community', created.id, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'REASON_REQUIRED', errors: [{ field: 'reason' }] });
    expect((await reveal(t, 'community', created.id, { reason: ' 看看 ' })).statusCode).toBe(422);
    expect((await reveal(t, 'community', created.id, { reason, fields: ['address'] })).statusCode).toBe(400);

    const outside = await reveal(t, 'community2', created.id, { reason });
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain(phone);
    expect((await reveal(t, 'community', '0193a0b4-0000-7000-8000-000000000000', { reason })).statusCode).toBe(404);

    const anonymous = await reportCase(t, { isAnonymous: true, reporter: undefined });
    const anon = await reveal(t, 'community', anonymous.id, { reason });
    expect(anon.statusCode).toBe(404);
    expect(anon.json().detail).toContain('匿名');

    const [count] = await t.rows(sql`select count(*)::int as n from pii_reveals`);
    expect(count!.n).toBe(0);
  });

  it('reveals with a reason, records who/whose/what/when/why with an audit row, and lists it for admins', async () => {
    const res = await reveal(t, 'community', created.id, { reason });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ caseId: created.id, caseNumber: created.number, fields: ['name', 'phone'], name, phone });

    const phoneOnly = await reveal(t, 'center', created.id, { reason: '联系上报人确认位置 13800010137', fields: ['phone'] });
    expect(phoneOnly.json()).toMatchObject({ fields: ['phone'], name: null, phone });

    // Still masked on the next read: a reveal is for that view only.
    expect((await t.request('GET', `/api/v1/cases/${created.id}`, { as: 'community' })).json().reporter.phone).toBe('138****0137');

    const stored = await t.rows(sql`select r.*, s.username from pii_reveals r join staff s on s.id = r.staff_id order by r.at, r.id`);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ username: 'community', subject_type: 'reporter', case_id: created.id, fields: ['name', 'phone'], reason });
    expect(stored[0]!.ip).toBeTruthy();
    // A phone typed into the reason is masked before it is stored.
    expect(stored[1]!.reason).toBe('联系上报人确认位置 138****0137');

    const audits = await t.rows(sql`select * from audit_log where action = 'pii.reveal' order by at`);
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actor_kind: 'staff', entity_type: 'reporter', entity_id: stored[0]!.subject_id });
    expect(audits[0]!.data).toMatchObject({ caseNumber: created.number, fields: ['name', 'phone'] });
    expect(JSON.stringify(audits)).not.toContain(phone);
    expect(JSON.stringify(audits)).not.toContain(name);

    // The log, for administrators only.
    expect((await t.request('GET', '/api/v1/privacy/reveals', { as: 'community' })).statusCode).toBe(403);
    const log = await t.request('GET', '/api/v1/privacy/reveals', { as: 'admin' });
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().items).toHaveLength(2);
    expect(log.json().items[0]).toMatchObject({
      staff: { username: 'center', role: 'center_operator' },
      subject: { type: 'reporter', id: stored[0]!.subject_id },
      case: { id: created.id, number: created.number },
      fields: ['phone'],
    });
    expect(log.body).not.toContain(phone);

    const byStaff = await t.request('GET', '/api/v1/privacy/reveals?staff=community', { as: 'admin' });
    expect(byStaff.json().items.map((i: { staff: { username: string } }) => i.staff.username)).toEqual(['community']);
    const byCase = await t.request('GET', `/api/v1/privacy/reveals?case=${created.number}`, { as: 'admin' });
    expect(byCase.json().items).toHaveLength(2);
    const future = await t.request('GET', '/api/v1/privacy/reveals?from=2099-01-01T00:00:00Z', { as: 'admin' });
    expect(future.json().items).toHaveLength(0);
    const past = await t.request('GET', `/api/v1/privacy/reveals?to=${encodeURIComponent(stored[0]!.at instanceof Date ? (stored[0]!.at as Date).toISOString() : String(stored[0]!.at))}`, { as: 'admin' });
    expect(past.json().items).toHaveLength(0);

    const first = await t.request('GET', '/api/v1/privacy/reveals?limit=1', { as: 'admin' });
    expect(first.json().items).toHaveLength(1);
    const second = await t.request('GET', `/api/v1/privacy/reveals?limit=1&cursor=${first.json().nextCursor}`, { as: 'admin' });
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
    expect(second.json().nextCursor).toBeNull();
    expect((await t.request('GET', '/api/v1/privacy/reveals?cursor=bad', { as: 'admin' })).statusCode).toBe(400);
  });

  it('erases a person by phone on request: dry run first, then the data goes and the cases and their history stay', async () => {
    const erasePhone = '13912340001';
    const a = await reportCase(t, { reporter: { name: '李四', phone: erasePhone } });
    const b = await reportCase(t, { reporter: { phone: erasePhone }, channel: 'visit' }, { as: 'community' });
    const other = await reportCase(t, { reporter: { name: '赵六', phone: '13912340002' } });
    // The same person also has a resident account (phone sign-in) with a live session.
    const residentId = '0193a0b4-0000-7000-8000-00000000e001';
    await t.rows(sql`insert into residents (id, phone_encrypted, phone_hash) values (${residentId}, ${t.ctx.secrets.encrypt(erasePhone)}, ${t.ctx.secrets.lookupHash(erasePhone)})`);
    await t.rows(sql`insert into resident_sessions (id, token_hash, resident_id, expires_at) values (${'0193a0b4-0000-7000-8000-00000000e002'}, 'privacy-test-token-hash', ${residentId}, now() + interval '1 day')`);
    const before = (await t.request('GET', `/api/v1/cases/${a.id}`, { as: 'community' })).json();

    expect((await t.request('POST', '/api/v1/privacy/erasures', { as: 'community', body: { phone: erasePhone, reason: '本人来电申请删除' } })).statusCode).toBe(403);
    expect((await t.request('POST', '/api/v1/privacy/erasures', { as: 'admin', body: { phone: erasePhone } })).statusCode).toBe(422);

    const dry = await t.request('POST', '/api/v1/privacy/erasures', { as: 'admin', body: { phone: `+86 139-1234-0001`, reason: '本人来电申请删除', dryRun: true } });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      phone: '139****0001',
      total: 3,
      tables: [
        { table: 'reporters', rows: 2, references: [a.number, b.number].sort() },
        { table: 'residents', rows: 1, references: [] },
      ],
      erasedAt: null,
    });
    expect(dry.body).not.toContain(erasePhone);
    expect((await t.request('GET', `/api/v1/cases/${a.id}`, { as: 'community' })).json().reporter.erased).toBe(false);

    const done = await t.request('POST', '/api/v1/privacy/erasures', { as: 'admin', body: { phone: erasePhone, reason: '本人来电申请删除 13912340001' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, total: 3, tables: [{ table: 'reporters', rows: 2 }, { table: 'residents', rows: 1 }] });
    const [resident] = await t.rows(sql`select r.phone_encrypted, r.phone_hash, r.erased_at, s.revoked_at from residents r join resident_sessions s on s.resident_id = r.id where r.id = ${residentId}`);
    expect(resident).toMatchObject({ phone_encrypted: null, phone_hash: null, erased_at: expect.anything(), revoked_at: expect.anything() });

    const rows = await t.rows(sql`select r.* from reporters r join cases c on c.reporter_id = r.id where c.id in (${a.id}, ${b.id})`);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ name_encrypted: null, phone_encrypted: null, phone_hash: null, erased_at: expect.anything() });

    // The cases read as before, with the reporter shown as erased and the whole timeline.
    const after = await t.request('GET', `/api/v1/cases/${a.id}`, { as: 'community' });
    expect(after.statusCode).toBe(200);
    expect(after.json().reporter).toEqual({ name: null, phone: null, masked: true, erased: true });
    expect(after.json().timeline).toEqual(before.timeline);
    const track = await t.request('GET', `/api/v1/track/${a.number}?code=${a.trackingCode}`);
    expect(track.statusCode).toBe(200);
    // Work goes on: the case can still be accepted.
    const accepted = await t.request('POST', `/api/v1/cases/${a.id}/actions/accept`, { as: 'community', body: { version: after.json().version } });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const gone = await reveal(t, 'community', a.id, { reason });
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
    expect(gone.json().detail).toContain('删除');

    // Someone else's data is untouched; the erasure is audited with counts, never the phone.
    expect((await t.request('GET', `/api/v1/cases/${other.id}`, { as: 'community' })).json().reporter).toMatchObject({ phone: '139****0002', erased: false });
    const audits = await t.rows(sql`select * from audit_log where action = 'pii.erase'`);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.data).toEqual({ counts: { reporters: 2, residents: 1 }, reason: '本人来电申请删除 139****0001' });
    expect(JSON.stringify(audits)).not.toContain(erasePhone);
    expect(await tablesContaining(t, erasePhone)).toEqual([]);

    const again = await t.request('POST', '/api/v1/privacy/erasures', { as: 'admin', body: { phone: erasePhone, reason: '重复申请' } });
    expect(again.json()).toMatchObject({ total: 0, tables: [] });
  });

  it('keeps bodies, credentials, phones and tracking codes out of the server log', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const app = await buildApp(t.ctx, { logger: { level: 'trace', stream } });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'community', password: demoPassword } });
      const token = login.json().token as string;
      const point = t.ctx.grids.current.grids.find((g) => g.name === '江庄村第一网格')!;
      const report = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: { channel: 'resident_app', description: '日志测试：路灯坏了三天', demandType: 'help', location: { gridCode: point.code }, reporter: { name: '钱七', phone: '13712345678' } },
      });
      const c = report.json();
      await app.inject({ method: 'GET', url: `/api/v1/track/${c.number}?code=${c.trackingCode}` });
      await app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/reporter/reveal`, headers: { authorization: `Bearer ${token}` }, payload: { reason } });
      await app.inject({ method: 'GET', url: '/api/v1/cases?q=13712345678', headers: { cookie: `wangge_session=${token}` } });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('/api/v1/track/');
    for (const secret of ['13712345678', '钱七', demoPassword, 'trackingCode']) expect(log).not.toContain(secret);
    expect(log).toContain('code=[redacted]');
  });
});

describe('key rotation (wangge keys:rotate)', () => {
  let t: TestApp;
  let dataDir: string;
  const output: string[] = [];

  function io(values: Record<string, string | boolean | undefined> = {}): CliIo {
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    return { values, positionals: [], out, readFile: (p) => fs.readFileSync(p, 'utf8') };
  }

  /** What a restarted server would load. */
  function restart() {
    t.ctx.secrets = createSecrets(loadKeyring(dataDir, undefined).keys);
  }

  async function allTrackingCodes(): Promise<Map<string, string>> {
    const rows = await t.rows(sql`select id, tracking_code_encrypted from cases order by id`);
    return new Map(rows.map((r) => [String(r.id), trackingCodeOf(t.ctx, { id: String(r.id), trackingCodeEncrypted: r.tracking_code_encrypted as string | null })!]));
  }

  async function keyPrefixes(): Promise<Record<string, number>> {
    const rows = await t.rows(sql`
      select split_part(v, '.', 1) as k, count(*)::int as n from (
        select name_encrypted as v from reporters union all select phone_encrypted from reporters
        union all select tracking_code_encrypted from cases) x
      where v is not null group by 1 order by 1`);
    return Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-rotation-'));
    // The template database was sealed with the test key; as a pre-rotation key file it is key 1.
    fs.writeFileSync(path.join(dataDir, 'secret.key'), `${testSecretKey}\n`, { mode: 0o600 });
    t = await createTestApp({ secretKeyHex: undefined, dataDir });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves every value to a new key in resumable batches, keeping tracking codes, lookups and history', { timeout: 60_000 }, async () => {
    const people = [
      await reportCase(t, { reporter: { name: '周一', phone: '13700000001' } }),
      await reportCase(t, { reporter: { name: '吴二', phone: '13700000002' } }),
    ];
    // Data from before this release: ciphertexts in the `v1.` format, cases without a stored tracking code.
    await t.rows(sql`update reporters set phone_encrypted = 'v1.' || substr(phone_encrypted, 4) where id in (select id from reporters where phone_encrypted like 'k1.%' order by id limit 5)`);
    const legacyCases = await t.rows(sql`update cases set tracking_code_encrypted = null where id in (select id from cases order by id limit 3) returning id`);
    expect(legacyCases).toHaveLength(3);
    const codesBefore = await allTrackingCodes();
    const legacyId = String(legacyCases[0]!.id);
    expect(codesBefore.get(legacyId)).toBe(t.ctx.secrets.legacyTrackingCode(legacyId));
    const [totals] = (await t.rows(
      sql`select (select count(*)::int from reporters where phone_encrypted is not null or name_encrypted is not null) as reporters, (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events`,
    )) as Array<{ reporters: number; cases: number; events: number }>;
    const { reporters: reporterCount, cases: caseCount, events: eventCount } = totals!;
    expect(reporterCount + caseCount).toBeGreaterThan(60);

    // An interrupted rotation: two batches of 20, then stop.
    const code1 = await commands['keys:rotate']!.run(t.ctx, io({ 'batch-size': '20', 'max-batches': '2' }));
    expect(code1).toBe(1);
    expect(output.join('')).toContain('Added key 2');
    expect(output.join('')).toMatch(/Stopped after 2 batch\(es\); \d+ row\(s\) still use older keys/);
    const ring = loadKeyring(dataDir, undefined);
    expect(ring.keys.map((k) => k.id)).toEqual([2, 1]);
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    const midway = await keyPrefixes();
    expect(midway['k2']).toBe(80); // two batches of 20 reporters × name and phone
    expect(midway['k1']).toBeGreaterThan(0);

    // A server restarted mid-rotation reads both keys: details decrypt, lookups by phone find either hash.
    restart();
    for (const p of people) {
      const detail = await t.request('GET', `/api/v1/cases/${p.id}`, { as: 'community' });
      expect(detail.statusCode).toBe(200);
      expect(detail.json().reporter.phone).toMatch(/^137\*\*\*\*000\d$/);
    }
    const probe = await t.request('POST', '/api/v1/privacy/erasures', { as: 'admin', body: { phone: '13700000001', reason: '检查能否找到', dryRun: true } });
    expect(probe.json().tables[0]).toMatchObject({ rows: 1, references: [people[0]!.number] });

    // Run again: it continues with key 2 (adds no key 3), finishes, and retires key 1.
    output.length = 0;
    const code2 = await commands['keys:rotate']!.run(t.ctx, io({ 'batch-size': '20' }));
    expect(code2, output.join('')).toBe(0);
    expect(output.join('')).toContain('Continuing the rotation to key 2');
    expect(output.join('')).toContain('reporters:');
    expect(output.join('')).toContain('3 legacy value(s) sealed');
    expect(output.join('')).toContain('No data uses key(s) 1 any more: removed from the key file');
    expect(loadKeyring(dataDir, undefined).keys.map((k) => k.id)).toEqual([2]);
    expect(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8')).not.toContain(testSecretKey);
    const after = await keyPrefixes();
    expect(Object.keys(after)).toEqual(['k2']);
    expect(after['k2']).toBe(midway['k2']! + (midway['k1'] ?? 0) + (midway['v1'] ?? 0) + 3);

    restart();
    expect(t.ctx.secrets.keyIds).toEqual([2]);
    expect(await allTrackingCodes()).toEqual(codesBefore);
    for (const p of people) expect((await t.request('GET', `/api/v1/track/${p.number}?code=${p.trackingCode}`)).statusCode).toBe(200);
    const legacyNumber = String((await t.rows(sql`select number from cases where id = ${legacyId}`))[0]!.number);
    expect((await t.request('GET', `/api/v1/track/${legacyNumber}?code=${codesBefore.get(legacyId)}`)).statusCode).toBe(200);

    const revealed = await reveal(t, 'community', people[1]!.id, { reason });
    expect(revealed.json()).toMatchObject({ name: '吴二', phone: '13700000002' });
    const found = await t.request('POST', '/api/v1/privacy/erasures', { as: 'admin', body: { phone: '13700000002', reason: '检查能否找到', dryRun: true } });
    expect(found.json().tables[0]).toMatchObject({ rows: 1, references: [people[1]!.number] });
    const [hash] = await t.rows(sql`select phone_hash from reporters r join cases c on c.reporter_id = r.id where c.id = ${people[1]!.id}`);
    expect(hash!.phone_hash).toBe(t.ctx.secrets.lookupHash('13700000002'));

    const [counts] = (await t.rows(sql`select (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events`)) as Array<{ cases: number; events: number }>;
    expect(counts).toEqual({ cases: caseCount, events: eventCount });

    // Nothing left to do on the current key.
    output.length = 0;
    expect(await commands['keys:rotate']!.run(t.ctx, io({ 'reencrypt-only': true }))).toBe(0);
    expect(output.join('')).toContain('All data is on key 2');
  });

  it('with WANGGE_SECRET_KEY: refuses to add a key (prints the procedure), re-encrypts with --reencrypt-only, and never retires a key still in use elsewhere', async () => {
    const env = (value: string) => ({ ...t.ctx, config: { ...t.ctx.config, secretKeyHex: value } });
    const key2 = loadKeyring(dataDir, undefined).keys[0]!.key.toString('hex');
    output.length = 0;
    expect(await commands['keys:rotate']!.run(env(key2), io())).toBe(2);

    const key3 = 'c3'.repeat(32);
    const ring = `3:${key3},2:${key2}`;
    // A module that seals data without registering it: the rotation must not strand it.
    const [stray] = await t.rows(sql`select id from cases order by id desc limit 1`);
    await t.rows(sql`update cases set address = ${t.ctx.secrets.encrypt('未登记的密文')} where id = ${stray!.id}`);
    const lines: string[] = [];
    const first = await rotateKeys(env(ring), { reencryptOnly: true, out: (l) => lines.push(l) });
    expect(first.remaining).toBe(0);
    expect(first.retiredKeyIds).toEqual([]);
    expect(lines.join('\n')).toContain('unregistered columns still hold data sealed with key(s) 2: cases.address (1)');

    await t.rows(sql`update cases set address = null where id = ${stray!.id}`);
    lines.length = 0;
    const second = await rotateKeys(env(ring), { reencryptOnly: true, out: (l) => lines.push(l) });
    expect(second.retiredKeyIds).toEqual([2]);
    expect(lines.join('\n')).toContain('remove them from WANGGE_SECRET_KEY (keep 3:…) and restart');
    // The env cannot be written; the key file is left alone.
    expect(loadKeyring(dataDir, undefined).keys.map((k) => k.id)).toEqual([2]);
    t.ctx.secrets = createSecrets(loadKeyring('/nonexistent', ring).keys);
    const revealed = await reveal(t, 'community', (await t.rows(sql`select id from cases where reporter_id is not null order by id desc limit 1`))[0]!.id as string, { reason });
    expect(revealed.statusCode).toBe(200);
    expect(Object.keys(await keyPrefixes())).toEqual(['k3']);
  });
});
